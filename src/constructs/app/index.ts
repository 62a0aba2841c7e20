export { SecureApp, SecureAppProps, SecretEnvVar, MetricsOptions } from './secure-app';
export { AppProbe } from './app-probe';
