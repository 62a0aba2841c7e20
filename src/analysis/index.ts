export * from './cluster-profile';
export * from './connection';
export * from './explanation';
export * from './network-analysis';
export * from './options';
export * from './peer';
export * from './report-format';
