import { quote } from './quote';

// The reference grammar of github.com/distribution/reference (what `docker pull` and the kubelet accept).
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
/** The digests a registry can serve (OCI image spec): sha256 (64 hex digits) and sha512 (128). */
const DIGEST = 'sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}';
const NAME = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)$`);

/** The parts of an image reference. */
export interface ImageReference {
  readonly registry?: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** An image reference cut into name, tag and digest, whether or not the parts are valid. */
export interface ImageParts {
  /** Everything before the tag and digest: `[registry/]repository`. */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

/**
 * Cut any string into name, tag and digest the way the reference grammar does, without checking the
 * parts (the linter reads whatever is in a manifest; `parseImage` checks them).
 */
export function splitImage(image: string): ImageParts {
  let name = image;
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  // A tag is after the last ':' that comes after the last '/' (a ':' before it is a registry port).
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  return { name, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** Parse an image reference; `undefined` when it does not follow the reference grammar. */
export function parseImage(value: string): ImageReference | undefined {
  if (typeof value !== 'string' || value.length > 255 + 128 + 80) return undefined;
  const { name, tag, digest } = splitImage(value);
  if (tag !== undefined && !new RegExp(`^${TAG}$`).test(tag)) return undefined;
  if (digest !== undefined && !new RegExp(`^(?:${DIGEST})$`).test(digest)) return undefined;
  const m = NAME.exec(name);
  if (!m) return undefined;
  let [, registry, repository] = m;
  // Without a '.' or ':' (or `localhost`), the first component is a Docker Hub path, not a registry.
  if (registry !== undefined && !/[.:]|^localhost$|^\[/.test(registry)) {
    if (!new RegExp(`^${PATH_COMPONENT}$`).test(registry)) return undefined;
    repository = `${registry}/${repository}`;
    registry = undefined as unknown as string;
  }
  return { registry: registry || undefined, repository, tag, digest };
}

/** An image pinned by a tag other than `latest`, or by a digest. */
export function checkImage(value: string, what: string = 'image'): string | undefined {
  const shown = quote(value);
  if (value === undefined || value === null) {
    return `${what} is missing; give a pinned image such as "ghcr.io/acme/web:1.4.2"`;
  }
  const ref = parseImage(value);
  if (!ref) {
    const { digest } = typeof value === 'string' ? splitImage(value) : { digest: undefined };
    if (digest !== undefined && !new RegExp(`^(?:${DIGEST})$`).test(digest)) {
      return `${what} ${shown} has digest ${quote(digest)}, which no registry serves; use sha256:<64 lowercase hex digits> or sha512:<128 lowercase hex digits>`;
    }
    return `${what} ${shown} is not a valid image reference; use [registry/]repository:tag or repository@sha256:<digest> with a lowercase repository (e.g. "ghcr.io/acme/web:1.4.2")`;
  }
  if (ref.tag === undefined && ref.digest === undefined) {
    return `${what} ${shown} has no tag; pin a version tag or a digest (e.g. ${quote(`${value}:1.0.0`)} or ${quote(`${value}@sha256:<digest>`)}), because an untagged image means "latest" and changes under you`;
  }
  if (ref.tag === 'latest' && ref.digest === undefined) {
    return `${what} ${shown} uses the tag "latest"; pin a version tag or a digest (e.g. ${quote(`${value.slice(0, -':latest'.length)}:1.0.0`)}), because "latest" changes under you and the platform rejects it`;
  }
  return undefined;
}
