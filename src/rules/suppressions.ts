// Per-object suppressions: `cdk8s-netsec.io/suppress: "<rule-id>: <reason>"`.
// Several entries are separated by newlines, or by commas followed by a known rule id, so a reason
// may itself contain commas ("image-tag-pinned: vendor image, pinned by digest upstream").

export const SUPPRESS_ANNOTATION = 'cdk8s-netsec.io/suppress';

export interface ParsedSuppressions {
  /** rule id -> reason, for valid entries. */
  readonly reasons: ReadonlyMap<string, string>;
  /** Entries that suppress nothing, each with what is wrong. */
  readonly problems: readonly string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function parseSuppressions(value: string, knownIds: readonly string[], unsuppressible: readonly string[] = []): ParsedSuppressions {
  const reasons = new Map<string, string>();
  const problems: string[] = [];
  const ids = [...knownIds].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const separator = ids ? new RegExp(`\\r?\\n|,(?=\\s*(?:${ids})\\s*(?::|,|$))`) : /\r?\n/;
  for (const raw of value.split(separator)) {
    const entry = raw.trim();
    if (entry === '') {
      continue;
    }
    const match = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*(?::(.*))?$/s.exec(entry);
    if (!match) {
      problems.push(`${JSON.stringify(entry)} is not "<rule-id>: <reason>"`);
      continue;
    }
    const [, id, reasonText] = match;
    const reason = (reasonText ?? '').trim();
    if (!knownIds.includes(id)) {
      problems.push(`${JSON.stringify(entry)} names no known rule (${JSON.stringify(id)})`);
    } else if (unsuppressible.includes(id)) {
      problems.push(`${JSON.stringify(entry)}: ${id} cannot be suppressed`);
    } else if (reason === '') {
      problems.push(`${JSON.stringify(entry)} gives no reason (write "${id}: <why this is acceptable>")`);
    } else {
      reasons.set(id, reason);
    }
  }
  return { reasons, problems };
}
