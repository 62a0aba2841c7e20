// Generated cert-manager types (cdk8s import of the v1.21.1 CRDs), as a jsii submodule.
export * as certmanager from './imports/cert-manager.io';
export * from './protocol';
export * from './analysis';
export * from './analysis-cdk8s';
