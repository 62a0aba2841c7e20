import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifestFiles, ManifestLoadError, parseManifestText } from '../../src/kube/manifests';
import { expandLists } from '../../src/kube/objects';

describe('manifest loading', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-load-'));
  });

  test('reads multi-document YAML and skips empty documents', () => {
    const docs = parseManifestText('kind: A\n---\n---\nkind: B\n', 'x.yaml');
    expect(docs.map(d => [d.object.kind, d.documentIndex])).toEqual([['A', 0], ['B', 2]]);
  });

  test('reads JSON objects, one after another as kubectl does; a top-level list is refused as kubectl refuses it', () => {
    expect(parseManifestText('{"kind":"A"}', 'x.json').map(d => d.object.kind)).toEqual(['A']);
    expect(parseManifestText('{"kind":"A"}\n{"kind":"B"}', 'x.json').map(d => [d.object.kind, d.documentIndex, d.line])).toEqual([['A', 0, 1], ['B', 1, 2]]);
    expect(() => parseManifestText('[{"kind":"A"},{"kind":"B"}]', 'x.json')).toThrow(/x\.json \(document 0\): line 1: expected a Kubernetes object .*got a list/);
  });

  test('walks directories recursively in sorted order, only manifest extensions', () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'kind: B\n');
    fs.writeFileSync(path.join(dir, 'a.yml'), 'kind: A\n');
    fs.writeFileSync(path.join(dir, 'sub', 'c.json'), '{"kind":"C"}');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'kind: X\n');
    expect(loadManifestFiles([dir]).map(d => d.object.kind)).toEqual(['A', 'B', 'C']);
  });

  test('in a directory, a file that holds no Kubernetes objects (a JSON report) is skipped with a message; named, it is an error', () => {
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'kind: A\n');
    const report = path.join(dir, 'report.json');
    fs.writeFileSync(report, '[{"src": "a", "dst": "b", "conn": "TCP 80"}]');
    const skipped: string[] = [];
    expect(loadManifestFiles([dir], { skipped }).map(d => d.object.kind)).toEqual(['A']);
    expect(skipped).toEqual([`${report} (document 0): line 1: expected a Kubernetes object (a mapping with apiVersion and kind), got a list `
      + '(kubectl reads one object per document; put the items in a `kind: List`); the file is skipped']);
    expect(() => loadManifestFiles([report])).toThrow(/report\.json \(document 0\): line 1: expected a Kubernetes object .* got a list/);
  });

  test('a YAML syntax error names the file and the document index', () => {
    const f = path.join(dir, 'bad.yaml');
    fs.writeFileSync(f, 'kind: A\n---\nkind: [unclosed\n');
    expect(() => loadManifestFiles([f])).toThrow(ManifestLoadError);
    expect(() => loadManifestFiles([f])).toThrow(/bad\.yaml \(document 1\): line 4, column 1: did not find expected .* started at line 3\)/);
  });

  test('an object without kind is an error', () => {
    expect(() => parseManifestText('apiVersion: v1\nmetadata: {}\n', 'k.yaml')).toThrow(/k\.yaml \(document 0\): line 1: object has no `kind`/);
  });

  test('a missing path is an error naming it', () => {
    expect(() => loadManifestFiles([path.join(dir, 'nope')])).toThrow(/nope: cannot read/);
  });

  test('list objects expand recursively', () => {
    const list = { kind: 'List', items: [{ kind: 'Pod' }, { kind: 'PodList', items: [{ kind: 'Pod', n: 2 }] }] };
    expect(expandLists([list, { kind: 'Service' }]).map(o => o.kind)).toEqual(['Pod', 'Pod', 'Service']);
  });

  test('records the line where each YAML document starts (for SARIF regions)', () => {
    const docs = parseManifestText('# comment\nkind: A\n---\n# Source: x\n\nkind: B\n---\n---\nkind: C\n', 'x.yaml');
    expect(docs.map(d => [d.object.kind, d.documentIndex, d.line])).toEqual([['A', 0, 2], ['B', 1, 6], ['C', 3, 9]]);
  });
});
