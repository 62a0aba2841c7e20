// analyze and diff keep of each document only what the engine reads (analysisView): the analysis
// must be the same as on the whole objects, connections, warnings and ignored kinds alike.
import * as fs from 'fs';
import * as path from 'path';
import { NetworkAnalysis, ReportFormat } from '../../src/analysis';
import { analysisView } from '../../src/analysis/model/objects';
import { loadManifestFiles, parseManifestText } from '../../src/kube/manifests';
import { generateManifestStream } from '../support/manifest-stream';

function sameAnalysis(objects: Array<{ [key: string]: any }>): void {
  const whole = NetworkAnalysis.fromManifests(structuredClone(objects));
  const viewed = NetworkAnalysis.fromManifests(structuredClone(objects).map(o => analysisView(o)));
  expect(viewed.render(ReportFormat.TEXT)).toBe(whole.render(ReportFormat.TEXT));
  expect(viewed.warnings).toEqual(whole.warnings);
  expect(viewed.ignoredKinds).toEqual(whole.ignoredKinds);
}

describe('analysisView: what analyze and diff keep of each document', () => {
  test('the same analysis on realistic generated manifests (probes, env, volumes, Services, Ingresses)', () => {
    for (const seed of [1, 2, 3]) sameAnalysis(generateManifestStream(60, 6, seed).objects);
  });

  test('the same analysis on every fixture folder', () => {
    const root = path.join(__dirname, '..', 'fixtures');
    for (const dir of fs.readdirSync(root).filter(d => fs.statSync(path.join(root, d)).isDirectory())) {
      sameAnalysis(loadManifestFiles([path.join(root, dir)]).map(m => m.object));
    }
  });

  test('drops what the engine never reads, keeps names, labels, ports and host network; List items too', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'a', labels: { app: 'p' }, annotations: { big: 'x'.repeat(1000) } },
      spec: { hostNetwork: true, volumes: [{ name: 'v' }], containers: [{ name: 'c', image: 'i', env: [{ name: 'A' }], ports: [{ containerPort: 80 }] }] },
    };
    expect(analysisView({ kind: 'List', items: [pod, { kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } }] })).toEqual({
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a', labels: { app: 'p' } }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }] }] } },
        { kind: 'ConfigMap', metadata: { name: 'c' } },
      ],
    });
  });

  test('the reader applies it to each document as it is read', () => {
    const seen: number[] = [];
    const read = parseManifestText('kind: A\nmetadata: {annotations: {x: y}}\n---\nkind: B\n', 'x.yaml', o => {
      seen.push(seen.length);
      return analysisView(o);
    });
    expect(read.map(m => m.object)).toEqual([{ kind: 'A', metadata: {} }, { kind: 'B' }]);
    expect(seen).toEqual([0, 1]);
  });
});
