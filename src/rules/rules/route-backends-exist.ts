import { gatewayApiModel } from '../../kube/gateway-api';
import { Obj, objectsOf } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const routeBackendsExist: Rule = {
  id: 'route-backends-exist',
  title: 'Every route backend is a Service of the output, on one of its ports',
  severity: Severity.ERROR,
  standsFor: 'R5 on the Gateway API: a backendRef to a missing Service or port answers 500 and hides a typo',
  fix: 'Point backendRefs at the Service (and port) that fronts the app, and ship the Service with the route.',
  check: ({ objects, index }) => {
    const out: Violation[] = [];
    for (const route of gatewayApiModel(objects).routes) {
      for (const b of route.backends) {
        const svc = index.named('Service', b.namespace, b.service);
        const object = route.object as Obj;
        if (!svc) {out.push({ object, message: `${describe(object)}: backend Service ${b.namespace}/${b.service} is not in the output` });} else if (b.port !== undefined && !objectsOf(svc.spec?.ports).some(p => p.port === b.port)) {
          out.push({ object, message: `${describe(object)}: backend port ${b.port} is not a port of Service ${b.namespace}/${b.service}` });
        }
      }
    }
    return out;
  },
};
