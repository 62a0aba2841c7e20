import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers } from './helpers';

export const allowedRegistries: Rule = {
  id: 'allowed-registries',
  title: 'Images come from the platform registry',
  severity: Severity.WARNING,
  standsFor: 'Gatekeeper allowed registries (warn)',
  fix: 'Push the image to the platform registry (Harbor) and reference it from there.',
  // Needs to know the registry: off unless `allowedRegistries` is configured.
  enabled: config => config.allowedRegistries.length > 0,
  check: context => checkContainers(context, ({ container }) => {
    const image = typeof container.image === 'string' ? container.image : '';
    const allowed = context.config.allowedRegistries;
    return allowed.some(prefix => image.startsWith(prefix))
      ? undefined
      : `uses image '${image}', which is not from an allowed registry (${allowed.join(', ')})`;
  }),
};
