import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const serviceType: Rule = {
  id: 'service-type',
  title: 'Services are ClusterIP without external IPs',
  severity: Severity.ERROR,
  standsFor: 'R6; Gatekeeper reject LoadBalancer Services (deny); kube-linter exposed-services; kube-score service-type',
  fix: 'Use `type: ClusterIP` and no `externalIPs`; expose HTTP through an Ingress.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const svc of index.ofKind('Service')) {
      const type = svc.spec?.type ?? 'ClusterIP';
      if (type !== 'ClusterIP') {
        out.push({ object: svc, message: `${describe(svc)} has type ${JSON.stringify(type)}` });
      }
      const ips = svc.spec?.externalIPs;
      if (Array.isArray(ips) && ips.length > 0) {
        out.push({ object: svc, message: `${describe(svc)} sets externalIPs ${JSON.stringify(ips)}` });
      }
    }
    return out;
  },
};
