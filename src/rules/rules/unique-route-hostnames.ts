import { gatewayApiModel } from '../../kube/gateway-api';
import { Obj } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const uniqueRouteHostnames: Rule = {
  id: 'unique-route-hostnames',
  title: 'Each hostname is served by one route of a kind per Gateway',
  severity: Severity.ERROR,
  standsFor: 'Gateway API: two routes claiming one hostname on one Gateway make the served backend depend on route precedence (age, then name)',
  fix: 'Serve each hostname from one HTTPRoute (or GRPCRoute), adding paths as rules of that route.',
  check: ({ objects }) => {
    const model = gatewayApiModel(objects);
    const listenerSets = new Map(model.listenerSets.map(l => [`${l.namespace}/${l.name}`, l]));
    const claims = new Map<string, Obj>();
    const out: Violation[] = [];
    for (const route of model.routes) {
      const gateways = new Set(route.parents.map(p => {
        const ls = p.kind === 'ListenerSet' ? listenerSets.get(`${p.namespace}/${p.name}`) : undefined;
        return ls ? `Gateway ${ls.gatewayNamespace}/${ls.gatewayName}` : `${p.kind} ${p.namespace}/${p.name}`;
      }));
      for (const gateway of gateways) {
        for (const host of new Set(route.hostnames.map(h => h.toLowerCase()))) {
          const key = `${route.kind} ${gateway} ${host}`;
          const first = claims.get(key);
          if (first) out.push({ object: route.object as Obj, message: `${describe(route.object as Obj)}: hostname ${host} on ${gateway} is already served by ${describe(first)}` });
          else claims.set(key, route.object as Obj);
        }
      }
    }
    return out;
  },
};
