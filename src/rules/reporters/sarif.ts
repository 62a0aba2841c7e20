// SARIF 2.1.0 for code-scanning tools (GitHub code scanning, GitLab, Azure DevOps).
import { createHash } from 'crypto';
import { sarifText } from '../../kube/escape';
import { Finding, LintResult } from '../finding';
import { RuleInfo } from '../rule';
import { Severity } from '../severity';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function level(severity: Severity): string {
  switch (severity) {
    case Severity.ERROR: return 'error';
    case Severity.WARNING: return 'warning';
    default: return 'note';
  }
}

function pascal(id: string): string {
  return id.split('-').map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function logicalName(f: Finding): string {
  return `${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.kind}/${f.object.name ?? '<unnamed>'}`;
}

function result(f: Finding, ruleIndex: number) {
  const location: Record<string, unknown> = {
    logicalLocations: [{
      name: f.object.name ?? '<unnamed>',
      fullyQualifiedName: logicalName(f),
      kind: 'resource',
    }],
  };
  if (f.source !== undefined) {
    location.physicalLocation = {
      artifactLocation: { uri: f.source.split('\\').join('/') },
      region: { startLine: f.line ?? 1 },
    };
  }
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: level(f.severity),
    message: { text: sarifText(`${f.message}. Fix: ${f.fix}`) },
    locations: [location],
    // Identity independent of line numbers, so an alert survives edits elsewhere in the file.
    partialFingerprints: {
      'cdk8s-netsec/v1': createHash('sha256').update(`${f.ruleId}\n${logicalName(f)}\n${f.message}`).digest('hex').slice(0, 32),
    },
    ...(f.suppression !== undefined ? { suppressions: [{ kind: 'inSource', justification: f.suppression }] } : {}),
    properties: {
      kind: f.object.kind,
      ...(f.object.namespace ? { namespace: f.object.namespace } : {}),
      ...(f.object.name ? { name: f.object.name } : {}),
      ...(f.documentIndex !== undefined ? { documentIndex: f.documentIndex } : {}),
    },
  };
}

/** One SARIF run: the pack's rules as `tool.driver.rules`, every finding (suppressed ones marked). */
export function renderSarif(lint: LintResult, rules: readonly RuleInfo[]): string {
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-netsec',
          informationUri: 'https://github.com/cdk8s-netsec/cdk8s-netsec',
          rules: rules.map(r => ({
            id: r.id,
            name: pascal(r.id),
            shortDescription: { text: r.title },
            fullDescription: { text: `${r.title}. Stands for: ${r.standsFor}.` },
            help: { text: r.fix },
            defaultConfiguration: { level: level(r.severity) },
            properties: { standsFor: r.standsFor, tags: ['security', 'kubernetes'] },
          })),
        },
      },
      results: [...lint.findings, ...lint.suppressed].map(f => result(f, indexOf.get(f.ruleId) ?? -1)),
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
