export * from './cdk8s-reachability';
