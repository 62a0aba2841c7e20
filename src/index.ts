// Generated cert-manager types (cdk8s import of the v1.21.1 CRDs), as a jsii submodule.
export * as certmanager from './imports/cert-manager.io';
export * from './protocol';
export * from './validation';
export * from './network';
export * from './platform';
export * from './namespace';
export * from './app';
export * from './cert-manager';
export * from './ingress';
export * from './rules';
export * from './guardrails';
export * from './analysis';
export * from './analysis-cdk8s';
