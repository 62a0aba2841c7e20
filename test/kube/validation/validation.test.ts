/* eslint-disable no-bitwise */ // address arithmetic is bit arithmetic
import * as fc from 'fast-check';
import { Validate } from '../../../src';
import { formatIp, rangeContains } from '../../../src/kube/ip';
import { readCidr } from '../../../src/kube/validation/cidr';
import { checkHost, isBelowDomain } from '../../../src/kube/validation/dns';
import { parseImage, splitImage } from '../../../src/kube/validation/image';

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const tld = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/);

describe('hosts', () => {
  test('a lowercase subdomain is valid', () => {
    expect(Validate.host('demo.example.com')).toBeUndefined();
    expect(Validate.host('a-1.b.example.co.uk')).toBeUndefined();
  });
  test('uppercase is rejected with the lowercase form', () => {
    expect(Validate.host('Demo.example.com')).toBe('host "Demo.example.com" contains uppercase letters; use the lowercase form "demo.example.com" (Kubernetes accepts only lowercase RFC 1123 names)');
  });
  test('a trailing dot is rejected, explaining the zone-file dot is added for the user', () => {
    const msg = Validate.host('demo.example.com.')!;
    expect(msg).toContain('ends in a dot; write it without the trailing dot ("demo.example.com")');
    expect(msg).toContain('the dot of the fully qualified zone-file form is added for you in the DNS record');
  });
  test('a wildcard is rejected', () => {
    expect(Validate.host('*.example.com')).toMatch(/^host "\*\.example\.com" contains a wildcard; name one host per entry/);
  });
  test('an apex domain is rejected because a CNAME cannot sit at the apex', () => {
    expect(Validate.host('example.com')).toMatch(/is an apex domain; a CNAME cannot sit at the apex of a zone .* use a subdomain such as "www\.example\.com"/);
    expect(Validate.domain('example.com')).toBeUndefined();
  });
  test('bad labels, IP addresses and single labels are rejected', () => {
    expect(Validate.host('demo_x.example.com')).toContain('label "demo_x" is invalid');
    expect(Validate.host('-a.example.com')).toContain('label "-a" is invalid');
    expect(Validate.host('a..example.com')).toContain('label "" is invalid');
    expect(Validate.host('10.0.0.1')).toContain('looks like an IP address');
    expect(Validate.host('localhost')).toContain('is not fully qualified');
    expect(Validate.host('')).toContain('is empty');
    expect(Validate.host(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`)).toContain('at most 253 characters');
  });
  test('property: random valid hosts are accepted', () => {
    fc.assert(fc.property(fc.array(label, { minLength: 2, maxLength: 4 }), tld, (labels, top) => {
      const host = [...labels, top].join('.');
      fc.pre(host.length <= 253);
      expect(Validate.host(host)).toBeUndefined();
    }));
  });
  test('property: a host with any character outside [a-z0-9.-] is rejected', () => {
    const bad = fc.constantFrom(...'ABZ_ *!@#$%^&()=+[]{};:\'",<>/?\\|`~\n\t'.split(''));
    fc.assert(fc.property(label, bad, fc.nat(5), (l, ch, pos) => {
      const host = `${l.slice(0, pos)}${ch}${l.slice(pos)}.example.com`;
      expect(Validate.host(host)).toBeDefined();
    }));
  });
  test('property: random strings are rejected unless they are well-formed hosts', () => {
    const wellFormed = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.){2,}[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
    fc.assert(fc.property(fc.string(), s => {
      if (!wellFormed.test(s) || /\.[0-9]+$/.test(s) || s.split('.').some(l => l.length > 63)) {
        expect(checkHost(s)).toBeDefined();
      }
    }));
  });
  test('isBelowDomain needs a strict subdomain', () => {
    expect(isBelowDomain('a.internal.example.com', 'internal.example.com')).toBe(true);
    expect(isBelowDomain('internal.example.com', 'internal.example.com')).toBe(false);
    expect(isBelowDomain('xinternal.example.com', 'internal.example.com')).toBe(false);
  });
});

describe('CIDRs', () => {
  test('valid IPv4 and IPv6 blocks', () => {
    for (const c of ['10.0.0.0/8', '0.0.0.0/0', '10.233.0.3/32', '2001:db8::/32', '::/0', 'fc00::/7', '::fffe:0:0/96']) {
      expect(Validate.cidr(c)).toBeUndefined();
    }
  });
  test('IPv4-mapped IPv6 blocks are refused: Go reads them as IPv4 blocks', () => {
    expect(Validate.cidr('::ffff:0:0/96')).toContain('reads as the IPv4 block "0.0.0.0/0"');
    expect(Validate.cidr('::ffff:a00:0/104')).toContain('reads as the IPv4 block "10.0.0.0/8"');
    expect(Validate.cidr('::ffff:169.254.169.254/128')).toContain('"169.254.169.254/32"');
  });
  test('host bits set: names the network address', () => {
    expect(Validate.cidr('10.0.0.1/8')).toBe('CIDR "10.0.0.1/8" has host bits set; use the network address "10.0.0.0/8" (or "10.0.0.1/32" for the single address)');
    expect(Validate.cidr('2001:db8::1/32')).toContain('use the network address "2001:db8::/32"');
  });
  test('no prefix, bad prefix, bad address', () => {
    expect(Validate.cidr('10.0.0.1')).toBe('CIDR "10.0.0.1" has no prefix length; write "10.0.0.1/32" for a single address');
    expect(Validate.cidr('10.0.0.0/33')).toContain('invalid prefix length "33"; IPv4 prefixes are 0-32');
    expect(Validate.cidr('::/129')).toContain('IPv6 prefixes are 0-128');
    expect(Validate.cidr('10.0.0.0/08')).toContain('invalid prefix length');
    expect(Validate.cidr('256.0.0.0/8')).toContain('does not parse');
    expect(Validate.cidr('010.0.0.0/8')).toContain('does not parse');
    expect(Validate.cidr('10.0.0.0/8,192.168.0.0/16')).toContain('invalid prefix length');
    expect(Validate.cidr('abc')).toContain('does not parse');
  });
  test('containment', () => {
    const p = (c: string) => readCidr(c) as any;
    expect(rangeContains(p('10.0.0.0/8'), p('10.1.0.0/16'))).toBe(true);
    expect(rangeContains(p('10.0.0.0/8'), p('11.0.0.0/16'))).toBe(false);
    expect(rangeContains(p('10.0.0.0/16'), p('10.0.0.0/8'))).toBe(false);
    expect(rangeContains(p('fc00::/7'), p('fd00:ec2::254/128'))).toBe(true);
    expect(rangeContains(p('10.0.0.0/8'), p('::/0'))).toBe(false);
  });
  test('property: any IPv4 network address with its prefix is accepted and canonical', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (n, prefix) => {
      const shift = BigInt(32 - prefix);
      const network = (BigInt(n) >> shift) << shift;
      const cidr = `${formatIp(4, network)}/${prefix}`;
      expect(Validate.cidr(cidr)).toBeUndefined();
      expect((readCidr(cidr) as any).text).toBe(cidr);
    }));
  });
  test('property: any IPv6 network address with its prefix is accepted', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 }), (n, prefix) => {
      const shift = BigInt(128 - prefix);
      const cidr = `${formatIp(6, (n >> shift) << shift)}/${prefix}`;
      expect(Validate.cidr(cidr)).toBeUndefined();
    }));
  });
  test('property: host bits anywhere below the prefix are rejected', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 31 }), (n, prefix) => {
      const hostMask = (1n << BigInt(32 - prefix)) - 1n;
      fc.pre((BigInt(n) & hostMask) !== 0n);
      expect(Validate.cidr(`${formatIp(4, BigInt(n))}/${prefix}`)).toContain('has host bits set');
    }));
  });
  test('property: random junk is rejected', () => {
    fc.assert(fc.property(fc.string(), s => {
      fc.pre(!/^[0-9a-f.:]+\/[0-9]+$/i.test(s));
      expect(Validate.cidr(s)).toBeDefined();
    }));
  });
});

describe('ports and names', () => {
  test('ports 1-65535', () => {
    expect(Validate.port(1)).toBeUndefined();
    expect(Validate.port(65535)).toBeUndefined();
    expect(Validate.port(0)).toBe('port 0 is outside 1-65535; use an integer port number between 1 and 65535');
    expect(Validate.port(65536)).toContain('outside 1-65535');
    expect(Validate.port(80.5)).toContain('outside 1-65535');
  });
  test('property: ports are valid exactly in 1-65535', () => {
    fc.assert(fc.property(fc.integer({ min: -100000, max: 100000 }), n => {
      expect(Validate.port(n) === undefined).toBe(n >= 1 && n <= 65535);
    }));
  });
  test('named ports follow IANA service names', () => {
    expect(Validate.portName('http')).toBeUndefined();
    expect(Validate.portName('metrics-2')).toBeUndefined();
    expect(Validate.portName('a-very-long-port-name')).toContain('is not an IANA service name');
    expect(Validate.portName('8080')).toContain('at least one letter');
    expect(Validate.portName('http--x')).toBeDefined();
    expect(Validate.portName('Http')).toBeDefined();
  });
  test('DNS labels', () => {
    expect(Validate.dnsLabel('demo')).toBeUndefined();
    expect(Validate.dnsLabel('My_App')).toBe('name "My_App" is not a DNS label; use 1-63 lowercase letters, digits or \'-\', starting and ending with a letter or digit (e.g. "my-app")');
    expect(Validate.dnsLabel('a'.repeat(64))).toBeDefined();
    expect(Validate.dnsLabel('')).toContain('is empty');
  });
  test('property: DNS labels are exactly the RFC 1123 pattern', () => {
    fc.assert(fc.property(fc.string({ maxLength: 70 }), s => {
      expect(Validate.dnsLabel(s) === undefined).toBe(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(s));
    }));
  });
  test('label keys and values', () => {
    expect(Validate.labelKey('app.kubernetes.io/name')).toBeUndefined();
    expect(Validate.labelKey('k8s-app')).toBeUndefined();
    expect(Validate.labelKey('Bad_Prefix/x')).toContain('invalid prefix');
    expect(Validate.labelKey('a/-x')).toContain('invalid name part');
    expect(Validate.labelValue('')).toBeUndefined();
    expect(Validate.labelValue('true')).toBeUndefined();
    expect(Validate.labelValue('a b')).toContain('not a valid label value');
  });
});

describe('images', () => {
  test('tags and digests are accepted', () => {
    for (const image of ['nginx:1.27', 'ghcr.io/acme/web:1.4.2', 'localhost:5000/x/y:v1', 'harbor.example.com/p/app@sha256:' + 'a'.repeat(64),
      'quay.io/oauth2-proxy/oauth2-proxy:v7.8.1', 'library/nginx:1.27-alpine']) {
      expect(Validate.image(image)).toBeUndefined();
    }
  });
  test('no tag, latest, bad syntax', () => {
    expect(Validate.image('nginx')).toBe('image "nginx" has no tag; pin a version tag or a digest (e.g. "nginx:1.0.0" or "nginx@sha256:<digest>"), because an untagged image means "latest" and changes under you');
    expect(Validate.image('ghcr.io/acme/web:latest')).toContain('uses the tag "latest"');
    expect(Validate.image('ghcr.io/Acme/web:1.0')).toContain('is not a valid image reference');
    expect(Validate.image('web:1.0 ; rm')).toContain('is not a valid image reference');
    expect(Validate.image('localhost:5000/x')).toContain('has no tag');
  });
  test('registry and repository are told apart', () => {
    expect(parseImage('nginx:1.27')).toEqual({ registry: undefined, repository: 'nginx', tag: '1.27', digest: undefined });
    expect(parseImage('library/nginx:1.27')?.repository).toBe('library/nginx');
    expect(parseImage('localhost:5000/x:1')).toMatchObject({ registry: 'localhost:5000', repository: 'x', tag: '1' });
  });
  test('property: repository:tag from valid parts is accepted unless the tag is latest', () => {
    const comp = fc.stringMatching(/^[a-z0-9]+([._-][a-z0-9]+)?$/);
    const tag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/);
    fc.assert(fc.property(fc.array(comp, { minLength: 1, maxLength: 3 }), tag, (path, t) => {
      const image = `registry.example.com/${path.join('/')}:${t}`;
      expect(Validate.image(image) === undefined).toBe(t !== 'latest');
    }));
  });
  test('the lenient split (used by the image-tag-pinned lint rule) cuts anything, even invalid references', () => {
    expect(splitImage('MyOrg/App:latest')).toEqual({ name: 'MyOrg/App', tag: 'latest' });
    expect(splitImage('localhost:5000/x')).toEqual({ name: 'localhost:5000/x' });
    expect(splitImage('[::1]:5000/x:1@sha256:abc')).toEqual({ name: '[::1]:5000/x', tag: '1', digest: 'sha256:abc' });
    expect(parseImage('MyOrg/App:latest')).toBeUndefined();
  });
  test('property: wherever the grammar accepts a reference, the split finds the same tag and digest', () => {
    const piece = fc.constantFrom('a', 'A', '0', '.', '-', '_', ':', '/', '@', 'sha256:', 'f'.repeat(32), '[::1]', 'localhost', 'io', '5000');
    fc.assert(fc.property(fc.array(piece, { maxLength: 10 }).map(a => a.join('')), image => {
      const ref = parseImage(image);
      if (ref) {
        const split = splitImage(image);
        expect([split.tag, split.digest]).toEqual([ref.tag, ref.digest]);
        expect(split.name).toBe(ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository);
      }
    }), { numRuns: 2000 });
  });
});

describe('paths and URLs', () => {
  test('paths', () => {
    expect(Validate.httpPath('/')).toBeUndefined();
    expect(Validate.httpPath('/oauth2')).toBeUndefined();
    expect(Validate.httpPath('api')).toContain("does not start with '/'");
    expect(Validate.httpPath('/a;b')).toContain('contains characters other than');
    expect(Validate.httpPath('/a{b}')).toBeDefined();
    expect(Validate.httpPath('/a/../b')).toContain("'..'");
  });
  test('https URLs', () => {
    expect(Validate.httpsUrl('https://login.example.com/realms/demo')).toBeUndefined();
    expect(Validate.httpsUrl('http://login.example.com')).toContain('does not use https');
    expect(Validate.httpsUrl('https://a.example.com/x;y')).toContain('contains whitespace, quotes');
    expect(Validate.httpsUrl('https://u:p@a.example.com')).toContain('carries credentials');
    expect(Validate.httpsUrl('not a url')).toBeDefined();
    expect(Validate.httpsUrl('nope')).toContain('does not parse as a URL');
  });
});
