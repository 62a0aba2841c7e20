/**
 * A typed `monitoring.coreos.com/v1` PrometheusRule (Prometheus Operator), written from the
 * operator's API reference (RuleGroup, Rule). Internal: constructs expose it as an ApiObject.
 */
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** One alerting rule. */
export interface PrometheusAlertRule {
  /** The alert's name (a valid label value). */
  readonly alert: string;
  /** The PromQL expression. */
  readonly expr: string;
  /** How long the expression must hold before the alert fires (a Prometheus duration, e.g. `10m`). */
  readonly for?: string;
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
}

/** A group of rules evaluated together. */
export interface PrometheusRuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: PrometheusAlertRule[];
}

export interface PrometheusRuleProps {
  readonly metadata: ApiObjectMetadata;
  readonly spec: { readonly groups: PrometheusRuleGroup[] };
}

export class PrometheusRule extends ApiObject {
  public static readonly GVK: GroupVersionKind = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule' };

  constructor(scope: Construct, id: string, props: PrometheusRuleProps) {
    super(scope, id, {
      ...PrometheusRule.GVK,
      metadata: props.metadata,
      spec: {
        groups: props.spec.groups.map(g => ({
          name: g.name,
          ...(g.interval !== undefined ? { interval: g.interval } : {}),
          rules: g.rules.map(r => ({
            alert: r.alert,
            expr: r.expr,
            ...(r.for !== undefined ? { for: r.for } : {}),
            ...(r.labels !== undefined ? { labels: { ...r.labels } } : {}),
            ...(r.annotations !== undefined ? { annotations: { ...r.annotations } } : {}),
          })),
        })),
      },
    });
  }
}
