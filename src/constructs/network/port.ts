import { Protocol } from '../../kube/protocol';
import { checkPort, checkPortName } from '../../kube/validation/port';

/** One port (or port range) as NetworkPolicies match it, always with an explicit protocol. */
export class Port {
  /** A TCP port. */
  public static tcp(port: number): Port {
    return new Port(Protocol.TCP, port);
  }
  /** A UDP port. */
  public static udp(port: number): Port {
    return new Port(Protocol.UDP, port);
  }
  /** An SCTP port. */
  public static sctp(port: number): Port {
    return new Port(Protocol.SCTP, port);
  }
  /** A range of TCP ports, both ends included (NetworkPolicy `endPort`). */
  public static tcpRange(from: number, to: number): Port {
    return new Port(Protocol.TCP, from, to);
  }
  /** A range of UDP ports, both ends included (NetworkPolicy `endPort`). */
  public static udpRange(from: number, to: number): Port {
    return new Port(Protocol.UDP, from, to);
  }
  /**
   * A named container port (e.g. `http`) of the selected pods.
   * @param name the port's name (IANA service name, at most 15 characters)
   * @param protocol its protocol; default TCP
   */
  public static named(name: string, protocol?: Protocol): Port {
    return new Port(protocol ?? Protocol.TCP, undefined, undefined, name);
  }

  /** The protocol, always explicit in the output. */
  public readonly protocol: Protocol;
  /** The port number (or the start of the range); undefined for a named port. */
  public readonly portNumber?: number;
  /** The end of a range, if this is a range. */
  public readonly endPort?: number;
  /** The port's name, if this is a named port. */
  public readonly name?: string;

  private constructor(protocol: Protocol, port?: number, endPort?: number, name?: string) {
    this.protocol = protocol;
    this.portNumber = port;
    this.endPort = endPort;
    this.name = name;
  }

  /** Human-readable form, e.g. `TCP 8080`, `UDP 1000-2000`, `TCP http`. */
  public toString(): string {
    const what = this.name ?? (this.endPort !== undefined ? `${this.portNumber}-${this.endPort}` : `${this.portNumber}`);
    return `${this.protocol} ${what}`;
  }

  /**
   * What is wrong with this port, or undefined.
   * @internal
   */
  public _problem(): string | undefined {
    if (!Object.values(Protocol).includes(this.protocol)) {
      return `protocol ${JSON.stringify(this.protocol)} is not a protocol NetworkPolicies match; use Protocol.TCP, Protocol.UDP or Protocol.SCTP`;
    }
    if (this.name !== undefined) return checkPortName(this.name);
    const problem = checkPort(this.portNumber as number) ?? (this.endPort !== undefined ? checkPort(this.endPort, 'end port') : undefined);
    if (problem) return problem;
    if (this.endPort !== undefined && this.endPort < (this.portNumber as number)) {
      return `port range ${this.portNumber}-${this.endPort} ends before it starts; use from <= to`;
    }
    return undefined;
  }

  /**
   * The NetworkPolicy port entry.
   * @internal
   */
  public _toJson(): { [key: string]: unknown } {
    const json: { [key: string]: unknown } = { protocol: this.protocol, port: this.name ?? this.portNumber };
    if (this.endPort !== undefined && this.endPort !== this.portNumber) json.endPort = this.endPort;
    return json;
  }
}
