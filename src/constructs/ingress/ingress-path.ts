import { SecureApp } from '../app/secure-app';

/** How an Ingress path matches. */
export enum HttpPathType {
  /** Matches the path and everything below it, by path segment. */
  PREFIX = 'Prefix',
  /** Matches the path exactly. */
  EXACT = 'Exact',
}

/** An extra path on an ingress host. */
export interface IngressPathProps {
  /** The path, e.g. `/api`. Plain characters only. */
  readonly path: string;
  /**
   * How the path matches.
   * @default HttpPathType.PREFIX
   */
  readonly pathType?: HttpPathType;
  /**
   * The app that serves it (in the same namespace as the ingress).
   * @default - the ingress's app
   */
  readonly app?: SecureApp;
}
