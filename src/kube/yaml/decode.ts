/**
 * Turns a document's node tree into the JSON value kubectl gets from it: go-yaml v2's decoding into
 * an untyped value (decode.go) followed by sigs.k8s.io/yaml's conversion to JSON.
 *
 * What that means, and what this code therefore does:
 * - merge keys `<<` are applied where they stand: a merged key overwrites an earlier explicit key,
 *   a later explicit key overwrites a merged one; in a list of maps, earlier maps win;
 * - a duplicate key keeps its last value (go-yaml v2's non-strict Unmarshal, which kubectl uses);
 * - non-string keys become strings (integers in decimal, booleans `true`/`false`, floats at float32
 *   precision); null keys, uint64 keys and keys that are collections are errors;
 * - NaN and infinities cannot be written as JSON: a document that keeps one is an error;
 * - aliases are expanded (each use is a fresh copy) under go-yaml's own bound on alias expansion
 *   ("document contains excessive aliasing"), so an alias bomb fails fast instead of growing.
 *
 * Refused here but not by kubectl: a mapping whose keys are different YAML values with the same JSON
 * text (`1` and `"1"`): kubectl keeps one of them at random (Go map order), so no reading is right.
 */
import { DocumentError } from './errors';
import { Node, NODE_ALIAS, NODE_MAPPING, NODE_SCALAR } from './parser';
import { jsonKey, KIND_BOOL, KIND_FLOAT, KIND_INT, KIND_NULL, KIND_STRING, KIND_TIMESTAMP, KIND_UINT, MERGE_TAG, Resolved, resolveScalar } from './resolve';

/** A JSON value, as plain JavaScript data. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

// go-yaml's alias expansion bound (decode.go: allowedAliasRatio).
const ALIAS_RATIO_RANGE_LOW = 400000;
const ALIAS_RATIO_RANGE_HIGH = 4000000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) {
    return 0.99;
  }
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) {
    return 0.10;
  }
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_RANGE_LOW) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW));
}

/** The keys of one mapping under construction, with what go-yaml would key them by. */
class MapBuilder {
  readonly object: JsonObject = {};
  /**
   * JSON key -> identity of the YAML key (kind and exact value) that wrote it. Only kept once a
   * non-string key appears: until then every key is a string and the JSON keys are the map keys.
   */
  private identities: Map<string, string> | undefined;

  set(key: string, identity: string | undefined, value: JsonValue, line: number, column: number): void {
    if (identity !== undefined || this.identities !== undefined) {
      if (this.identities === undefined) {
        this.identities = new Map(Object.keys(this.object).map(k => [k, 's']));
      }
      const id = identity ?? 's';
      const previous = this.identities.get(key);
      if (previous !== undefined && (previous !== id || id === 'f:NaN')) {
        throw new DocumentError(`two different keys are both "${key}" in JSON, and kubectl keeps either at random`, line, column);
      }
      this.identities.set(key, id);
    }
    if (key === '__proto__') {
      Object.defineProperty(this.object, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      this.object[key] = value;
    }
  }
}

export class Decoder {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly expanding = new Set<Node>();
  /** A NaN or infinity was decoded: check, at the end, whether one survived into the result. */
  private sawNonFinite = false;
  private readonly resolved: Resolved = { kind: KIND_STRING, value: '', exact: '' };

  /** The document's JSON value (go-yaml's decode of the document node, then its root). */
  decodeDocument(root: Node): JsonValue {
    this.count(root);
    const value = this.decode(root);
    if (this.sawNonFinite) {
      checkFinite(value, root);
    }
    return value;
  }

  /** One step of go-yaml's decoder (`unmarshal`), with its alias-expansion check. */
  private count(node: Node): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) {
      this.aliasCount++;
    }
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new DocumentError('document contains excessive aliasing (an alias bomb?)', node.line, node.column);
    }
  }

  private decode(node: Node): JsonValue {
    this.count(node);
    switch (node.kind) {
      case NODE_SCALAR:
        return this.scalar(node);
      case NODE_MAPPING: {
        const map = new MapBuilder();
        this.mapping(node, map);
        return map.object;
      }
      case NODE_ALIAS: {
        this.enterAlias(node);
        const value = this.decode(node.alias!);
        this.leaveAlias(node);
        return value;
      }
      default: {
        const children = node.children;
        const items: JsonValue[] = new Array(children.length);
        for (let i = 0; i < children.length; i++) {
          items[i] = this.decode(children[i]);
        }
        return items;
      }
    }
  }

  private enterAlias(node: Node): void {
    if (this.expanding.has(node)) {
      throw new DocumentError(`anchor '${node.value}' value contains itself`, node.line, node.column);
    }
    this.expanding.add(node);
    this.aliasDepth++;
  }

  private leaveAlias(node: Node): void {
    this.aliasDepth--;
    this.expanding.delete(node);
  }

  private scalar(node: Node): JsonValue {
    const r = this.resolved;
    if (node.tag === '' && !node.implicit) {
      // Quoted or block scalars without a tag are strings.
      r.kind = KIND_STRING;
      r.value = node.value;
      return detached(node.value);
    }
    resolveScalar(node.tag, node.value, r, node.line, node.column);
    if (r.kind === KIND_FLOAT && !Number.isFinite(r.value as number)) {
      this.sawNonFinite = true;
    }
    return typeof r.value === 'string' ? detached(r.value) : r.value;
  }

  /** Decodes a mapping's pairs into `map` (a merge decodes into the map that holds it). */
  private mapping(node: Node, map: MapBuilder): void {
    const children = node.children;
    for (let i = 0; i < children.length; i += 2) {
      const keyNode = children[i];
      if (keyNode.kind === NODE_SCALAR && keyNode.value === '<<' && (keyNode.implicit || keyNode.tag === MERGE_TAG)) {
        this.merge(children[i + 1], map);
        continue;
      }
      const key = this.decode(keyNode);
      if (key !== null && typeof key === 'object') {
        throw new DocumentError('invalid map key: a mapping or sequence cannot be a key', keyNode.line, keyNode.column);
      }
      const r = this.resolved;
      let jsonKeyText: string;
      let identity: string | undefined;
      if (r.kind === KIND_STRING || r.kind === KIND_TIMESTAMP) {
        jsonKeyText = key as string;
      } else {
        const text = jsonKey(r);
        if (text === undefined) {
          throw new DocumentError(`unsupported map key: ${r.kind === KIND_NULL ? 'null' : `${r.exact} (beyond int64)`} has no JSON form`,
            keyNode.line, keyNode.column);
        }
        jsonKeyText = text;
        identity = keyIdentity(r);
      }
      const value = this.decode(children[i + 1]);
      map.set(jsonKeyText, identity, value, keyNode.line, keyNode.column);
    }
  }

  private merge(node: Node, map: MapBuilder): void {
    switch (node.kind) {
      case NODE_MAPPING:
        this.mergeOne(node, map);
        return;
      case NODE_ALIAS:
        if (node.alias!.kind !== NODE_MAPPING) {
          throw wantMap(node);
        }
        this.mergeOne(node, map);
        return;
      case NODE_SCALAR:
        throw wantMap(node);
      default: {
        // A list of maps: earlier maps take precedence, so apply them last.
        for (let i = node.children.length - 1; i >= 0; i--) {
          const item = node.children[i];
          if (item.kind === NODE_ALIAS ? item.alias!.kind !== NODE_MAPPING : item.kind !== NODE_MAPPING) {
            throw wantMap(item);
          }
          this.mergeOne(item, map);
        }
      }
    }
  }

  private mergeOne(node: Node, map: MapBuilder): void {
    this.count(node);
    if (node.kind === NODE_ALIAS) {
      this.enterAlias(node);
      this.mergeOne(node.alias!, map);
      this.leaveAlias(node);
    } else {
      this.mapping(node, map);
    }
  }
}

/**
 * A string that does not keep the document's text alive. Slices of 13 characters or more are views
 * into the text they were cut from (V8's sliced strings), so a result made of them would hold every
 * document's text; a slice of a concatenation is a view into a fresh copy instead.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

function keyIdentity(r: Resolved): string {
  switch (r.kind) {
    case KIND_BOOL: return r.value ? 'b:true' : 'b:false';
    case KIND_INT: return `i:${r.exact}`;
    case KIND_UINT: return `u:${r.exact}`;
    case KIND_FLOAT: return `f:${String(r.value)}`;
    default: return 's';
  }
}

function wantMap(node: Node): DocumentError {
  return new DocumentError('map merge requires map or sequence of maps as the value', node.line, node.column);
}

/** sigs.k8s.io/yaml writes JSON with Go's encoder, which refuses NaN and infinities. */
function checkFinite(value: JsonValue, root: Node): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new DocumentError(`json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`, root.line, root.column);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) {
      checkFinite(item, root);
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      checkFinite(value[key], root);
    }
  }
}
