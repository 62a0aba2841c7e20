import { gatewayApiModel, resolveRoutes } from '../../kube/gateway-api';
import { NAMESPACE_NAME_LABEL } from '../../kube/labels';
import { Obj, stringMap } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule } from '../rule';
import { Severity } from '../severity';

export const routeTlsListener: Rule = {
  id: 'route-tls-listener',
  title: 'Every route is attached to listeners that terminate TLS',
  severity: Severity.ERROR,
  standsFor: 'R6 on the Gateway API: an HTTPRoute or GRPCRoute on a plain HTTP listener serves the app without TLS',
  fix: 'Attach the route (sectionName) to an HTTPS listener with TLS mode Terminate, e.g. through HttpsRoute.',
  check: ({ objects, index }) => {
    const labels = (ns: string) => ({ ...stringMap(index.named('Namespace', '', ns)?.metadata?.labels), [NAMESPACE_NAME_LABEL]: ns });
    // Only listeners in the output are checked: a parent that is not in it cannot be.
    return resolveRoutes(gatewayApiModel(objects), labels).attachments
      .filter(a => a.tls === false)
      .map(a => ({
        object: a.route.object as Obj,
        message: `${describe(a.route.object as Obj)}: attached to Gateway ${a.gatewayNamespace}/${a.gatewayName} through listeners without TLS termination`,
      }));
  },
};
