export * from './diff';
export * from './render';
