/**
 * The structural schema of `monitoring.coreos.com/v1` PrometheusRule, written out from the
 * Prometheus Operator's API reference (RuleGroup and Rule): the fields a rule file takes, their
 * types and the duration pattern. Checked by test/support/crd-schema.ts like a CRD's schema.
 */
const DURATION = '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$';
const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } };

export const PROMETHEUS_RULE_SCHEMA = {
  type: 'object',
  required: ['spec'],
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        groups: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string', minLength: 1 },
              interval: { type: 'string', pattern: DURATION },
              query_offset: { type: 'string', pattern: DURATION },
              limit: { type: 'integer' },
              labels: STRING_MAP,
              partial_response_strategy: { type: 'string', pattern: '^(?i)(abort|warn)?$' },
              rules: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['expr'],
                  properties: {
                    alert: { type: 'string' },
                    record: { type: 'string' },
                    expr: { 'x-kubernetes-int-or-string': true },
                    for: { type: 'string', pattern: DURATION },
                    keep_firing_for: { type: 'string', minLength: 1, pattern: DURATION },
                    labels: STRING_MAP,
                    annotations: STRING_MAP,
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
