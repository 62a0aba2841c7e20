export * from './guardrails';
