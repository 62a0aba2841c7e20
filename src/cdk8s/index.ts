export * from './guardrails';
export * from './cdk8s-reachability';
