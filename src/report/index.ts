export * from './network-report';
export { ComplianceCheck, ComplianceControl } from './compliance';
export { EntryPoint } from './entry-points';
