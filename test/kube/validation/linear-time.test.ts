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

describe.each(CHECKS)('%s', (_name, check) => {
  test('1 MB adversarial strings: fast, and the message quotes at most ~100 characters of the value', () => {
    for (const input of ADVERSARIAL) {
      const start = process.hrtime.bigint();
      const message = check(input);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      expect([input.slice(0, 20), ms < 1000]).toEqual([input.slice(0, 20), true]);
      expect(message).toBeDefined();
      expect(message!.length).toBeLessThan(600);
    }
  });
});

test('the issue\'s reproduction: a name suggestion on a long run of dashes', () => {
  const start = Date.now();
  const message = checkDnsLabel(`a${'-'.repeat(400000)}A`, 'app name');
  expect(Date.now() - start).toBeLessThan(500);
  expect(message).toContain('(e.g. "a")');
  expect(message).toContain('... (400002 characters)');
});
