import { isObj, namespaceOf, Obj, objectsOf, stringMap } from '../../kube/objects';
import { describe, isEmptySelector } from '../object-index';
import { Rule, RuleContext, Violation } from '../rule';
import { Severity } from '../severity';

function ingressBackends(ing: Obj): Obj[] {
  const backends: Obj[] = [];
  if (isObj(ing.spec?.defaultBackend)) backends.push(ing.spec.defaultBackend);
  for (const rule of objectsOf(ing.spec?.rules)) {
    for (const path of objectsOf(rule.http?.paths)) {
      if (isObj(path.backend)) backends.push(path.backend);
    }
  }
  return backends;
}

function checkIngress(ing: Obj, { index }: RuleContext): string[] {
  const problems: string[] = [];
  for (const backend of ingressBackends(ing)) {
    if (!isObj(backend.service)) {
      continue; // resource backends point at CRDs we cannot see
    }
    const name = String(backend.service.name);
    const svc = index.named('Service', namespaceOf(ing), name);
    if (!svc) {
      problems.push(`backend service ${name} is not in the output`);
      continue;
    }
    const port = isObj(backend.service.port) ? backend.service.port : {};
    const ports = objectsOf(svc.spec?.ports);
    const found = port.number !== undefined ? ports.some(p => p.port === port.number) : ports.some(p => p.name === port.name);
    if (!found) {
      problems.push(`backend port ${JSON.stringify(port.number ?? port.name)} is not a port of Service ${name}`);
    }
  }
  return problems;
}

export const danglingReferences: Rule = {
  id: 'dangling-references',
  title: 'Ingress backends, Service selectors and NetworkPolicy selectors target objects in the output',
  severity: Severity.ERROR,
  standsFor: 'R5; kube-score ingress-targets-service / service-targets-pod / networkpolicy-targets-pod; kube-linter dangling-*',
  fix: 'Point the reference at an object of the same namespace in the output (check names, ports and labels).',
  check: context => {
    const { index, config } = context;
    const out: Violation[] = [];
    for (const ing of index.ofKind('Ingress')) {
      const problems = checkIngress(ing, context);
      if (problems.length > 0) out.push({ object: ing, message: `${describe(ing)}: ${problems.join('; ')}` });
    }
    for (const svc of index.ofKind('Service')) {
      const selector = svc.spec?.selector;
      if (!isObj(selector) || Object.keys(selector).length === 0) {
        continue; // selector-less Services have manually managed endpoints
      }
      if (index.templatesSelectedBy(namespaceOf(svc), { matchLabels: selector }).length === 0) {
        out.push({ object: svc, message: `${describe(svc)}: selector ${JSON.stringify(selector)} matches no pod template in the output` });
      }
    }
    for (const policy of index.ofKind('NetworkPolicy')) {
      const selector = policy.spec?.podSelector;
      if (!isObj(selector) || isEmptySelector(selector)) {
        continue;
      }
      const labels = stringMap(selector.matchLabels);
      if (config.externallyManagedPodLabels.some(k => k in labels)) {
        continue; // pods created by an operator, e.g. cert-manager's HTTP-01 solver
      }
      if (index.templatesSelectedBy(namespaceOf(policy), selector).length === 0) {
        out.push({ object: policy, message: `${describe(policy)}: podSelector ${JSON.stringify(selector)} matches no pod template in the output` });
      }
    }
    return out;
  },
};
