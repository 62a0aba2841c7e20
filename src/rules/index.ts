export * from './severity';
export * from './finding';
export * from './config';
export { RuleInfo } from './rule';
export { OutputFormat, RulePack } from './rule-pack';
