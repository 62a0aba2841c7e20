import { gatewayApiModel, granted } from '../../kube/gateway-api';
import { Obj } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const routeReferenceGrants: Rule = {
  id: 'route-reference-grants',
  title: 'A route referring to a Service in another namespace has a ReferenceGrant there',
  severity: Severity.ERROR,
  standsFor: 'Gateway API: without a ReferenceGrant in the backend\'s namespace the backend is refused (the route answers 500)',
  fix: 'Add a ReferenceGrant in the Service\'s namespace from the route\'s kind and namespace to that Service '
    + '(HttpsRoute: `grantCrossNamespaceBackends: true`), or serve a Service of the route\'s own namespace.',
  check: ({ objects }) => {
    const model = gatewayApiModel(objects);
    const out: Violation[] = [];
    for (const route of model.routes) {
      for (const b of route.backends) {
        if (b.namespace !== route.namespace && !granted(model.grants, route, b)) {
          out.push({ object: route.object as Obj, message: `${describe(route.object as Obj)}: backend Service ${b.namespace}/${b.service} is in another namespace without a ReferenceGrant there` });
        }
      }
    }
    return out;
  },
};
