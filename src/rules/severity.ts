/** How serious a finding is. Errors fail the synth and make `cdk8s-netsec lint` exit 1. */
export enum Severity {
  /** Breaks a platform safeguard or a checker's critical rule: synth fails, lint exits 1. */
  ERROR = 'error',
  /** The platform or a checker warns; printed, never fails. */
  WARNING = 'warning',
  /** Informational only. */
  INFO = 'info',
}
