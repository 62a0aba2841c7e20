export { SecureApp, SecureAppProps, SecretEnvVar, MetricsOptions } from './secure-app';
export { AppProbe } from './app-probe';
export { AppPort, AppVolume, AutoscalingOptions, ContainerOptions, CronJobOptions, EnvFrom, JobOptions, VolumeClaim, WorkloadKind } from './workload-options';
export { AdoptedWorkload, AdoptedWorkloadProps } from './adopted-workload';
