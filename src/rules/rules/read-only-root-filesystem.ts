import { isObj } from '../../kube/objects';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers } from './helpers';

export const readOnlyRootFilesystem: Rule = {
  id: 'read-only-root-filesystem',
  title: 'Containers have a read-only root filesystem',
  severity: Severity.ERROR,
  standsFor: 'R8; kube-score container-security-context-readonlyrootfilesystem; Polaris notReadOnlyRootFilesystem; Checkov CKV_K8S_22; kubeaudit rootfs',
  fix: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where the app writes (e.g. /tmp).',
  check: context => checkContainers(context, ({ container }) =>
    isObj(container.securityContext) && container.securityContext.readOnlyRootFilesystem === true
      ? undefined
      : 'does not set securityContext.readOnlyRootFilesystem: true'),
};
