// Generated cert-manager types (cdk8s import of the v1.21.1 CRDs), as a jsii submodule.
export * as certmanager from './imports/cert-manager.io';
export * from './kube/protocol';
export * from './kube/validation';
export * from './constructs/network';
export * from './constructs/platform';
export * from './constructs/namespace';
export * from './constructs/app';
export * from './constructs/cert-manager';
export * from './constructs/ingress';
export * from './rules';
export * from './cdk8s';
export * from './analysis';
