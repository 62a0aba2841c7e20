export * from './facts';
export * from './welkin';
export * from './gateway';
