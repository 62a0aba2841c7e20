import { k8s } from 'cdk8s-plus-28';
import { checkHttpPath } from '../../kube/validation/path';

/** How the kubelet checks that an app is alive and ready (used for both probes). */
export class AppProbe {
  /**
   * An HTTP GET on the app's named port.
   * @param path the path to request; default `/`
   */
  public static http(path?: string): AppProbe {
    return new AppProbe('http', path ?? '/');
  }
  /** A TCP connection to the app's named port. */
  public static tcp(): AppProbe {
    return new AppProbe('tcp', undefined);
  }

  /** `http` or `tcp`. */
  public readonly kind: string;
  /** The HTTP path, for http probes. */
  public readonly path?: string;

  private constructor(kind: string, path: string | undefined) {
    this.kind = kind;
    this.path = path;
  }

  /** @internal */
  public _problem(): string | undefined {
    return this.path !== undefined ? checkHttpPath(this.path, 'probe path') : undefined;
  }

  /** @internal */
  public _toProbe(portName: string, periodSeconds: number): k8s.Probe {
    const port = k8s.IntOrString.fromString(portName);
    const check = this.kind === 'http' ? { httpGet: { path: this.path, port } } : { tcpSocket: { port } };
    return { ...check, periodSeconds, timeoutSeconds: 2, failureThreshold: 3 };
  }
}
