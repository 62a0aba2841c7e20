// The reference grammar of github.com/distribution/reference (what `docker pull` and the kubelet accept).
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** The parts of an image reference. */
export interface ImageReference {
  readonly registry?: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Parse an image reference; `undefined` when it does not follow the reference grammar. */
export function parseImage(value: string): ImageReference | undefined {
  if (typeof value !== 'string' || value.length > 255 + 128 + 80) return undefined;
  const m = REFERENCE.exec(value);
  if (!m) return undefined;
  let [, registry, repository] = m;
  // Without a '.' or ':' (or `localhost`), the first component is a Docker Hub path, not a registry.
  if (registry !== undefined && !/[.:]|^localhost$|^\[/.test(registry)) {
    if (!new RegExp(`^${PATH_COMPONENT}$`).test(registry)) return undefined;
    repository = `${registry}/${repository}`;
    registry = undefined as unknown as string;
  }
  return { registry: registry || undefined, repository, tag: m[3], digest: m[4] };
}

/** An image pinned by a tag other than `latest`, or by a digest. */
export function checkImage(value: string, what: string = 'image'): string | undefined {
  const shown = JSON.stringify(value);
  if (value === undefined || value === null) {
    return `${what} is missing; give a pinned image such as "ghcr.io/acme/web:1.4.2"`;
  }
  const ref = parseImage(value);
  if (!ref) {
    return `${what} ${shown} is not a valid image reference; use [registry/]repository:tag or repository@sha256:<digest> with a lowercase repository (e.g. "ghcr.io/acme/web:1.4.2")`;
  }
  if (ref.tag === undefined && ref.digest === undefined) {
    return `${what} ${shown} has no tag; pin a version tag or a digest (e.g. "${value}:1.0.0" or "${value}@sha256:<digest>"), because an untagged image means "latest" and changes under you`;
  }
  if (ref.tag === 'latest' && ref.digest === undefined) {
    return `${what} ${shown} uses the tag "latest"; pin a version tag or a digest (e.g. "${value.replace(/:latest$/, ':1.0.0')}"), because "latest" changes under you and the platform rejects it`;
  }
  return undefined;
}
