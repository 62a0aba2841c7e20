import { isObj } from '../../kube/objects';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers } from './helpers';

export const noUnmaskedProcMount: Rule = {
  id: 'no-unmasked-proc-mount',
  title: 'Containers keep the default masked /proc (no `procMount: Unmasked`)',
  severity: Severity.ERROR,
  standsFor: 'R10; Pod Security baseline (/proc Mount Type)',
  fix: 'Remove `securityContext.procMount` or set it to `Default`.',
  check: context => checkContainers(context, ({ container }) => {
    const sc = isObj(container.securityContext) ? container.securityContext : {};
    return sc.procMount !== undefined && sc.procMount !== null && sc.procMount !== 'Default' ? `sets securityContext.procMount: ${JSON.stringify(sc.procMount)}` : undefined;
  }),
};
