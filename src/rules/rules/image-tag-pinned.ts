import { splitImage } from '../../kube/validation/image';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers } from './helpers';

export const imageTagPinned: Rule = {
  id: 'image-tag-pinned',
  title: 'Images have a pinned tag or digest, never `latest`',
  severity: Severity.ERROR,
  standsFor: 'Gatekeeper disallowed tags (deny); R8; kube-score container-image-tag; kube-linter latest-tag; Checkov CKV_K8S_14',
  fix: 'Use an explicit version tag (e.g. `:1.16.0`) or a digest (`@sha256:...`).',
  check: context => checkContainers(context, ({ container }) => {
    if (typeof container.image !== 'string' || container.image === '') {
      return 'has no image';
    }
    const ref = splitImage(container.image);
    if (ref.digest) {
      return undefined;
    }
    if (ref.tag === undefined) {
      return `uses image '${container.image}' without a tag (it resolves to latest)`;
    }
    if (ref.tag === 'latest') {
      return `uses image '${container.image}' with the tag latest`;
    }
    return undefined;
  }),
};
