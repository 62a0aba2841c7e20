export * from './facts';
export * from './welkin';
