import { k8s } from 'cdk8s-plus-28';
import { checkHttpPath } from '../../kube/validation/path';

/** How the kubelet checks that a container is alive and ready (used for both probes). */
export class AppProbe {
  /**
   * An HTTP GET on the app's default port (TCP).
   * @param path the path to request; default `/`
   */
  public static http(path?: string): AppProbe {
    return new AppProbe('http', path ?? '/', undefined);
  }
  /** A TCP connection to the app's default port. */
  public static tcp(): AppProbe {
    return new AppProbe('tcp', undefined, undefined);
  }
  /**
   * A command run in the container (exit status 0 is healthy): for workers with no port.
   * @param command the command and its arguments, e.g. `['/app/healthcheck']`
   */
  public static exec(command: string[]): AppProbe {
    return new AppProbe('exec', undefined, [...(command ?? [])]);
  }

  /** `http`, `tcp` or `exec`. */
  public readonly kind: string;
  /** The HTTP path, for http probes. */
  public readonly path?: string;
  /** The command, for exec probes. */
  public readonly command?: string[];

  private constructor(kind: string, path: string | undefined, command: string[] | undefined) {
    this.kind = kind;
    this.path = path;
    this.command = command;
  }

  /** Whether the probe needs a (TCP) port. @internal */
  public get _needsPort(): boolean {
    return this.kind !== 'exec';
  }

  /** @internal */
  public _problem(): string | undefined {
    if (this.kind === 'exec') {
      return this.command!.length === 0 || this.command!.some(c => typeof c !== 'string' || c === '')
        ? 'exec probe has an empty command; give the command and its arguments, e.g. AppProbe.exec(["/app/healthcheck"])'
        : undefined;
    }
    return this.path !== undefined ? checkHttpPath(this.path, 'probe path') : undefined;
  }

  /** @internal */
  public _toProbe(portName: string | undefined, periodSeconds: number): k8s.Probe {
    const timing = { periodSeconds, timeoutSeconds: 2, failureThreshold: 3 };
    if (this.kind === 'exec') return { exec: { command: [...this.command!] }, ...timing };
    const port = k8s.IntOrString.fromString(portName!);
    const check = this.kind === 'http' ? { httpGet: { path: this.path, port } } : { tcpSocket: { port } };
    return { ...check, ...timing };
  }
}
