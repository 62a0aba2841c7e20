// Validators run in linear time on any input and quote at most ~100 characters of it.
import { checkDnsCidrs, checkNetworkFacts, readCidr } from '../../../src/kube/validation/cidr';
import { checkDnsLabel, checkDnsSubdomain, checkHost } from '../../../src/kube/validation/dns';
import { checkImage } from '../../../src/kube/validation/image';
import { checkLabelKey, checkLabels, checkLabelValue } from '../../../src/kube/validation/labels';
import { checkHttpPath } from '../../../src/kube/validation/path';
import { checkPortName } from '../../../src/kube/validation/port';
import { checkQuantity } from '../../../src/kube/validation/quantity';
import { checkHttpsUrl } from '../../../src/kube/validation/url';

const MB = 2 ** 20;
/** Inputs that make backtracking regular expressions quadratic: long runs followed by a mismatch. */
const ADVERSARIAL = [
  `a${'-'.repeat(MB)}A`,
  `a${'.'.repeat(MB)}a.`,
  `${'a'.repeat(MB)}!`,
  `${'1'.repeat(MB)}x`,
  `${'a.'.repeat(MB / 2)}-`,
  `/${'a/'.repeat(MB / 2)}..`,
  `https://${'a'.repeat(MB)} x`,
  `ghcr.io/${'a-'.repeat(MB / 2)}:1`,
  `10.0.0.0/${'1'.repeat(MB)}`,
  `${'::'.repeat(MB / 2)}/64`,
  `${'A'.repeat(MB)}`,
];
const CHECKS: [string, (v: string) => string | undefined][] = [
  ['checkDnsLabel', v => checkDnsLabel(v)],
  ['checkDnsSubdomain', v => checkDnsSubdomain(v)],
  ['checkHost', v => checkHost(v)],
  ['checkImage', v => checkImage(v)],
  ['checkLabelKey', v => checkLabelKey(v)],
  ['checkLabelValue', v => checkLabelValue(v)],
  ['checkLabels', v => checkLabels({ [v]: v })],
  ['checkHttpPath', v => checkHttpPath(v)],
  ['checkPortName', v => checkPortName(v)],
  ['checkQuantity', v => checkQuantity(v, 'memory', 'memory')],
  ['checkHttpsUrl', v => checkHttpsUrl(v)],
  ['readCidr', v => { const r = readCidr(v); return typeof r === 'string' ? r : undefined; }],
  ['checkDnsCidrs', v => checkDnsCidrs([v])],
  ['checkNetworkFacts', v => checkNetworkFacts({ privateRanges: [v] })],
];

/** The fastest of three runs, in milliseconds. */
function fastest(f: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    f();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/** One linear pass over the input (a string hash): the baseline each check is measured against, in the same run. */
function linearPass(input: string): number {
  let h = 0;
  for (let i = 0; i < input.length; i++) h = (h * 31 + input.charCodeAt(i)) % 1000000007;
  return h;
}

/**
 * A linear check costs a bounded multiple of one pass over its input (the slowest measured: ~90x);
 * a quadratic one on 1 MB costs about a million passes. No absolute time: the machine's load
 * slows both sides alike.
 */
const LINEAR_BOUND = 1000;

describe.each(CHECKS)('%s', (_name, check) => {
  test('1 MB adversarial strings: linear (a bounded multiple of one pass), and the message quotes at most ~100 characters of the value', () => {
    for (const input of ADVERSARIAL) {
      const ratio = fastest(() => check(input)) / Math.max(fastest(() => linearPass(input)), 0.01);
      expect([input.slice(0, 20), ratio < LINEAR_BOUND]).toEqual([input.slice(0, 20), true]);
      const message = check(input);
      expect(message).toBeDefined();
      expect(message!.length).toBeLessThan(600);
    }
  });
});

test('the issue\'s reproduction: a name suggestion on a long run of dashes', () => {
  const input = `a${'-'.repeat(400000)}A`;
  const ratio = fastest(() => checkDnsLabel(input, 'app name')) / Math.max(fastest(() => linearPass(input)), 0.01);
  expect(ratio).toBeLessThan(LINEAR_BOUND);
  const message = checkDnsLabel(input, 'app name');
  expect(message).toContain('(e.g. "a")');
  expect(message).toContain('... (400002 characters)');
});
