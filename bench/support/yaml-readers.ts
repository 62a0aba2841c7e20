// The two YAML readers the benchmark compares, each returning the documents' values.
import { LineCounter, parseAllDocuments } from 'yaml';
import { readYamlStream } from '../../src/kube/yaml';

/**
 * Today's reader, as the manifest loader on main runs it: the `yaml` package's parseAllDocuments
 * with a LineCounter, an error check per document, toJS with an alias limit, and the line of each
 * document's content.
 */
function current(text: string): unknown[] {
  const lineCounter = new LineCounter();
  const out: unknown[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter })) {
    if ('errors' in doc && doc.errors.length > 0) {
      throw new Error(doc.errors[0].message);
    }
    const value = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) {
      continue;
    }
    const start = doc.contents?.range?.[0];
    out.push({ line: start === undefined ? undefined : lineCounter.linePos(start).line, value });
  }
  return out;
}

/** The new reader: kubectl's reading (go-yaml v2 rules), src/kube/yaml. */
function kubectl(text: string): unknown[] {
  return readYamlStream(text);
}

export const readers = { current, kubectl };
