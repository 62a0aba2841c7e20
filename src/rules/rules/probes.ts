import { isObj, kindOf } from '../../kube/objects';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers } from './helpers';

export const probes: Rule = {
  id: 'probes',
  title: 'Long-running containers have readiness and liveness probes',
  severity: Severity.ERROR,
  standsFor: 'R8; kube-score pod-probes; Polaris readinessProbeMissing/livenessProbeMissing; kube-linter no-readiness-probe/no-liveness-probe',
  fix: 'Add `readinessProbe` and `livenessProbe` (e.g. `httpGet` on the container port; in cdk8s-plus the container\'s `readiness` and `liveness` props, e.g. `Probe.fromTcpSocket()`; in SecureApp `probe`).',
  check: context => checkContainers(context, ({ container }, template) => {
    // Jobs run to completion: probes do not apply to them.
    if (['Job', 'CronJob'].includes(kindOf(template.owner))) {
      return undefined;
    }
    const missing = ['readinessProbe', 'livenessProbe'].filter(p => !isObj(container[p]));
    return missing.length > 0 ? `has no ${missing.join(' and ')}` : undefined;
  }, { includeInit: false }),
};
