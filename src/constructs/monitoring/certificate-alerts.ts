import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PrometheusRule } from './prometheus-rule';
import { standardLabels } from '../../kube/labels';
import { NameClaim } from '../core/name-registry';
import { Platform } from '../platform/platform';

/** Days before expiry the expiry alert fires (the platform's own certificate alert: 20 days). */
const EXPIRY_DAYS = 20;
/** How long a certificate may be not ready before the alert fires (the platform's: 10 minutes). */
const NOT_READY_FOR = '10m';

function alertsRuleName(owner: string): string {
  return `${owner}-certificate`;
}

/** The name the alerts of `owner` take, claimed before anything is emitted. */
export function certificateAlertsClaim(namespace: string, owner: string): NameClaim {
  return { kind: 'PrometheusRule', namespace, name: alertsRuleName(owner) };
}

/** What the alerts are about. */
export interface CertificateAlertsSpec {
  /** What the alerts belong to (an entry point or a certificate): the rule is `<owner>-certificate`. */
  readonly owner: string;
  readonly namespace: string;
  /** The host the certificate is for (shown in the alerts). */
  readonly host: string;
  /** The cert-manager Certificate's name (ingress-shim: the TLS Secret's name). */
  readonly certificateName: string;
  readonly partOf: string;
  readonly platform: Platform;
}

/**
 * A PrometheusRule alerting when the host's certificate expires in under 20 days or is not ready
 * for 10 minutes, from cert-manager's metrics (`certmanager_certificate_expiration_timestamp_seconds`,
 * `certmanager_certificate_ready_status`), labelled for the platform's user Prometheus.
 */
export function certificateAlerts(scope: Construct, id: string, spec: CertificateAlertsSpec): ApiObject {
  const name = alertsRuleName(spec.owner);
  const selector = `namespace="${spec.namespace}", name="${spec.certificateName}"`;
  const labels = { severity: 'warning', namespace: spec.namespace };
  return new PrometheusRule(scope, id, {
    metadata: {
      name,
      namespace: spec.namespace,
      labels: { ...standardLabels({ name, component: 'certificate-alerts', partOf: spec.partOf }), ...spec.platform.monitoringRuleLabels },
    },
    spec: {
      groups: [{
        name: `certificate-${spec.host}`,
        rules: [
          {
            alert: 'CertificateExpiresSoon',
            expr: `certmanager_certificate_expiration_timestamp_seconds{${selector}} - time() < ${EXPIRY_DAYS} * 24 * 3600`,
            for: '1h',
            labels,
            annotations: {
              summary: `The certificate of ${spec.host} expires in under ${EXPIRY_DAYS} days`,
              description: `cert-manager has not renewed Certificate ${spec.namespace}/${spec.certificateName} (${spec.host}). Check it with: kubectl -n ${spec.namespace} describe certificate ${spec.certificateName}`,
            },
          },
          {
            alert: 'CertificateNotReady',
            expr: `max by (namespace, name) (certmanager_certificate_ready_status{${selector}, condition!="True"}) == 1`,
            for: NOT_READY_FOR,
            labels,
            annotations: {
              summary: `The certificate of ${spec.host} is not ready`,
              description: `Certificate ${spec.namespace}/${spec.certificateName} (${spec.host}) has not been ready for ${NOT_READY_FOR}. Check it with: kubectl -n ${spec.namespace} describe certificate ${spec.certificateName}`,
            },
          },
        ],
      }],
    },
  });
}
