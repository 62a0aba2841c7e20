export { DefaultDenyNamespace, DefaultDenyNamespaceProps, PodSecurityLevel } from './default-deny-namespace';
export { INamespaceRef } from './namespace-ref';
