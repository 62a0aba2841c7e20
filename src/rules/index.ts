export * from './severity';
export * from './finding';
export { RulePackConfig } from './config';
export { RuleInfo } from './rule';
export { OutputFormat, RulePack } from './rule-pack';
