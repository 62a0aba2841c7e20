/**
 * What a scalar means, as go-yaml v2 resolves it (resolve.go, YAML 1.1): `yes`/`on`/`y` are true,
 * `010` is octal, `0x1F`, `0b101` and `0o17` are integers, `1_000` is 1000, `.inf` is a float, `~`
 * is null, and a timestamp stays the text it was. Explicit tags (`!!str`, `!!int`, ...) check the
 * text against the type, as go-yaml does.
 */
import { DocumentError } from './errors';

export const KIND_STRING = 1;
export const KIND_NULL = 2;
export const KIND_BOOL = 3;
/** An integer that fits a Go int (int64). */
export const KIND_INT = 4;
/** An integer above int64's range that fits uint64. */
export const KIND_UINT = 5;
export const KIND_FLOAT = 6;
export const KIND_TIMESTAMP = 7;

export const TAG_PREFIX = 'tag:yaml.org,2002:';
const STR_TAG = `${TAG_PREFIX}str`;
const BOOL_TAG = `${TAG_PREFIX}bool`;
const INT_TAG = `${TAG_PREFIX}int`;
const FLOAT_TAG = `${TAG_PREFIX}float`;
const NULL_TAG = `${TAG_PREFIX}null`;
const TIMESTAMP_TAG = `${TAG_PREFIX}timestamp`;
const BINARY_TAG = `${TAG_PREFIX}binary`;
export const MERGE_TAG = `${TAG_PREFIX}merge`;

const KIND_TAGS: Record<number, string> = {
  [KIND_STRING]: STR_TAG,
  [KIND_NULL]: NULL_TAG,
  [KIND_BOOL]: BOOL_TAG,
  [KIND_INT]: INT_TAG,
  [KIND_UINT]: INT_TAG,
  [KIND_FLOAT]: FLOAT_TAG,
  [KIND_TIMESTAMP]: TIMESTAMP_TAG,
};

/** The result of resolving one scalar. Reused between calls: read it before resolving the next. */
export interface Resolved {
  kind: number;
  value: string | number | boolean | null;
  /** For integers: the exact decimal text (a JSON key must not lose digits a number would). */
  exact: string;
}

// The words go-yaml's resolve table maps (resolveMap): note `y`, `n`, `on`, `off` and their cases.
const WORDS = new Map<string, [number, boolean | number | null | string]>();
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) {
  WORDS.set(w, [KIND_BOOL, true]);
}
for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) {
  WORDS.set(w, [KIND_BOOL, false]);
}
for (const w of ['', '~', 'null', 'Null', 'NULL']) {
  WORDS.set(w, [KIND_NULL, null]);
}
for (const w of ['.nan', '.NaN', '.NAN']) {
  WORDS.set(w, [KIND_FLOAT, NaN]);
}
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) {
  WORDS.set(w, [KIND_FLOAT, Infinity]);
}
for (const w of ['-.inf', '-.Inf', '-.INF']) {
  WORDS.set(w, [KIND_FLOAT, -Infinity]);
}

/** go-yaml's hint from the first character: which resolutions are worth trying. */
const HINT_NONE = 0;
const HINT_WORD = 1;
const HINT_DOT = 2;
const HINT_NUMBER = 3;
const HINTS = new Uint8Array(128);
for (const c of 'yYnNtTfFoO~') {
  HINTS[c.charCodeAt(0)] = HINT_WORD;
}
HINTS['.'.charCodeAt(0)] = HINT_DOT;
for (const c of '+-0123456789') {
  HINTS[c.charCodeAt(0)] = HINT_NUMBER;
}

/** Floats as go-yaml accepts them (yamlStyleFloat), before strconv.ParseFloat. */
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** What strconv.ParseFloat accepts of a text that starts with '.'. */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function resolvableTag(tag: string): boolean {
  return tag === '' || tag === STR_TAG || tag === BOOL_TAG || tag === INT_TAG || tag === FLOAT_TAG || tag === NULL_TAG || tag === TIMESTAMP_TAG;
}

function shortTag(tag: string): string {
  return tag.startsWith(TAG_PREFIX) ? `!!${tag.slice(TAG_PREFIX.length)}` : tag;
}

/**
 * Resolves a scalar that go-yaml would resolve (a plain one, or one with a tag) into `out`.
 * Throws where go-yaml fails (`!!int abc`, invalid `!!binary`).
 */
export function resolveScalar(tag: string, text: string, out: Resolved, line: number, column: number): void {
  out.exact = '';
  if (!resolvableTag(tag)) {
    out.kind = KIND_STRING;
    out.value = tag === BINARY_TAG ? decodeBinary(text, line, column) : text;
    return;
  }
  let kind = KIND_STRING;
  let value: string | number | boolean | null = text;
  const hint = text.length === 0 ? HINT_WORD : text.charCodeAt(0) < 128 ? HINTS[text.charCodeAt(0)] : HINT_NONE;
  if (hint !== HINT_NONE && tag !== STR_TAG) {
    const word = WORDS.get(text);
    if (word !== undefined) {
      kind = word[0];
      value = word[1];
    } else if (hint === HINT_DOT) {
      if (DOT_FLOAT.test(text)) {
        const f = Number(text);
        if (Number.isFinite(f)) {
          kind = KIND_FLOAT;
          value = f;
        }
      }
    } else if (hint === HINT_NUMBER) {
      if ((tag === '' || tag === TIMESTAMP_TAG) && isTimestamp(text)) {
        kind = KIND_TIMESTAMP;
      } else {
        const plain = text.includes('_') ? text.replace(/_/g, '') : text;
        if (parseGoInteger(plain, out)) {
          kind = out.kind;
          value = out.value;
        } else if (YAML_FLOAT.test(plain)) {
          const f = Number(plain);
          if (Number.isFinite(f)) { // strconv.ParseFloat fails on overflow: the text stays a string
            kind = KIND_FLOAT;
            value = f;
          }
        }
      }
    }
  }
  if (tag !== '' && tag !== STR_TAG && tag !== KIND_TAGS[kind]) {
    if (!(tag === FLOAT_TAG && kind === KIND_INT)) {
      throw new DocumentError(`cannot decode ${shortTag(KIND_TAGS[kind])} \`${text}\` as a ${shortTag(tag)}`, line, column);
    }
    kind = KIND_FLOAT;
    out.exact = '';
  }
  if (tag === STR_TAG) {
    kind = KIND_STRING;
    value = text;
  }
  out.kind = kind;
  // A timestamp decoded into an untyped value is the text it was (go-yaml keeps it a string).
  out.value = kind === KIND_TIMESTAMP ? text : value;
}

/**
 * strconv.ParseInt(s, 0, 64), then strconv.ParseUint(s, 0, 64), as go-yaml tries them: optional
 * sign, then `0x`/`0o`/`0b` prefixes or a leading `0` for octal, else decimal.
 */
function parseGoInteger(s: string, out: Resolved): boolean {
  let i = 0;
  let negative = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    negative = c0 === 45;
    i = 1;
  }
  const signed = i === 1;
  if (i >= s.length) {
    return false;
  }
  let base = 10;
  if (s.charCodeAt(i) === 48 /* 0 */) {
    const p = s.length - i >= 3 ? s[i + 1].toLowerCase() : '';
    if (p === 'b') {
      base = 2;
      i += 2;
    } else if (p === 'o') {
      base = 8;
      i += 2;
    } else if (p === 'x') {
      base = 16;
      i += 2;
    } else {
      base = 8;
      i += 1;
    }
  }
  const digits = s.slice(i);
  for (let k = 0; k < digits.length; k++) {
    const c = digits.charCodeAt(k);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : c >= 65 && c <= 90 ? c - 55 : 99;
    if (d >= base) {
      return false;
    }
  }
  if (digits.length === 0 && base !== 8) {
    return false; // `+`, or a bare prefix handled as octal `0` digits: only "0" itself is valid
  }
  // Small numbers are exact as doubles; larger ones go through BigInt for range checks and digits.
  const safeDigits = base === 10 ? 15 : base === 16 ? 13 : base === 8 ? 17 : 52;
  if (digits.length <= safeDigits) {
    const magnitude = digits.length === 0 ? 0 : parseInt(digits, base);
    const v = negative ? -magnitude : magnitude;
    out.kind = KIND_INT;
    out.value = v === 0 ? 0 : v;
    out.exact = String(out.value);
    return true;
  }
  const prefix = base === 10 ? '' : base === 16 ? '0x' : base === 8 ? '0o' : '0b';
  const magnitude = BigInt(prefix + digits);
  if (negative ? magnitude <= INT64_MAX + 1n : magnitude <= INT64_MAX) {
    const v = negative ? -magnitude : magnitude;
    out.kind = KIND_INT;
    out.value = Number(v);
    out.exact = v.toString();
    return true;
  }
  if (!signed && magnitude <= UINT64_MAX) {
    out.kind = KIND_UINT;
    out.value = Number(magnitude);
    out.exact = magnitude.toString();
    return true;
  }
  return false;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[+-](\d\d):(\d\d))|( )(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?)?$/;

/**
 * go-yaml's parseTimestamp: the formats `2006-1-2T15:4:5.999999999Z07:00` (also with `t`),
 * `2006-1-2 15:4:5.999999999` and `2006-1-2`, with Go's range checks.
 */
export function isTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (m === null) {
    return false;
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) {
    return false;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day < 1 || day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) {
    return false;
  }
  const time = m[4] !== undefined ? [m[5], m[6], m[7]] : m[11] !== undefined ? [m[12], m[13], m[14]] : undefined;
  if (time !== undefined) {
    const [h, min, sec] = time.map(Number);
    if (h > 23 || min > 59 || sec > 59) {
      return false;
    }
  }
  if (m[9] !== undefined && (Number(m[9]) > 24 || Number(m[10]) > 60)) {
    return false;
  }
  return true;
}

/** `!!binary`: base64 (line breaks ignored) decoded, its bytes read as a Go string would be. */
function decodeBinary(text: string, line: number, column: number): string {
  const data = text.replace(/[\r\n]/g, '');
  if (data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(data)) {
    throw new DocumentError('!!binary value contains invalid base64 data', line, column);
  }
  return goString(Buffer.from(data, 'base64'));
}

/* eslint-disable no-bitwise */ // UTF-8 decoding is bit twiddling
/**
 * Bytes as Go's JSON encoder writes a string: valid UTF-8 kept, every byte of an invalid sequence
 * replaced by U+FFFD on its own.
 */
function goString(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const width = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let cp = width === 2 ? b & 0x1f : width === 3 ? b & 0x0f : b & 0x07;
    let ok = width > 0 && i + width <= bytes.length;
    for (let k = 1; ok && k < width; k++) {
      const c = bytes[i + k];
      const lo = k === 1 && b === 0xe0 ? 0xa0 : k === 1 && b === 0xf0 ? 0x90 : 0x80;
      const hi = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf;
      ok = c >= lo && c <= hi;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (ok) {
      out += String.fromCodePoint(cp);
      i += width;
    } else {
      out += '\ufffd';
      i++;
    }
  }
  return out;
}
/* eslint-enable no-bitwise */

/**
 * A non-string map key as sigs.k8s.io/yaml writes it into JSON: integers in decimal, booleans as
 * `true`/`false`, floats with strconv.FormatFloat(f, 'g', -1, 32) (so at float32 precision).
 * Null and uint64 keys have no JSON form: kubectl fails on them.
 */
export function jsonKey(resolved: Resolved): string | undefined {
  switch (resolved.kind) {
    case KIND_STRING:
    case KIND_TIMESTAMP:
      return resolved.value as string;
    case KIND_BOOL:
      return resolved.value ? 'true' : 'false';
    case KIND_INT:
      return resolved.exact;
    case KIND_FLOAT:
      return formatFloat32(resolved.value as number);
    default:
      return undefined;
  }
}

/** strconv.FormatFloat(f, 'g', -1, 32), with sigs.k8s.io/yaml's names for the infinities and NaN. */
export function formatFloat32(f: number): string {
  const x = Math.fround(f);
  if (Number.isNaN(x)) {
    return '.nan';
  }
  if (!Number.isFinite(x)) {
    return x > 0 ? '.inf' : '-.inf';
  }
  if (x === 0) {
    return Object.is(x, -0) ? '-0' : '0';
  }
  // The shortest digits that read back as the same float32.
  let exp = 0;
  let digits = '';
  for (let p = 1; p <= 9; p++) {
    const s = Math.abs(x).toExponential(p - 1);
    if (Math.fround(Number(s)) === Math.abs(x) || p === 9) {
      const [mantissa, e] = s.split('e');
      digits = mantissa.replace('.', '');
      exp = Number(e);
      break;
    }
  }
  digits = digits.replace(/0+$/, '') || '0';
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) {
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const intPart = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits + '0'.repeat(exp + 1 - digits.length);
  const fraction = digits.length > exp + 1 ? digits.slice(exp + 1) : '';
  return `${sign}${intPart}${fraction ? `.${fraction}` : ''}`;
}
