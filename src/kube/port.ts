import { MAX_PORT, MIN_PORT, parsePortSpec, PortSet } from './ports';
import { Protocol } from './protocol';
import { checkPort, checkPortName } from './validation/port';

/**
 * One port (or port range) as NetworkPolicies match it, always with an explicit protocol. The
 * library's one port value: the constructs write it into NetworkPolicies, and the reachability
 * analysis reads the port entries of policies into it.
 */
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
  /**
   * A port as people type it: `8080` (TCP), `TCP 8080`, `8080/TCP`, `udp 53`, `53/udp`.
   * Throws an error naming the text and what would be valid.
   * @param spec the text
   */
  public static parse(spec: string): Port {
    const { port, protocol } = parsePortSpec(spec);
    return new Port(protocol, port);
  }

  /**
   * A port entry as a NetworkPolicy holds it: no port (every port of the protocol), a number, a
   * range or a name. For readers of policies, which take what they find.
   * @internal
   */
  public static _of(protocol: Protocol, port?: number | string, endPort?: number): Port {
    return typeof port === 'string' ? new Port(protocol, undefined, undefined, port) : new Port(protocol, port, endPort);
  }

  /** The protocol, always explicit in the output. */
  public readonly protocol: Protocol;
  /**
   * The port number (or the start of the range).
   * @default - undefined for a named port
   */
  public readonly portNumber?: number;
  /**
   * The end of a range, if this is a range.
   * @default - undefined for a single or named port
   */
  public readonly endPort?: number;
  /**
   * The port's name, if this is a named port.
   * @default - undefined for a numbered port
   */
  public readonly name?: string;

  private constructor(protocol: Protocol, port?: number, endPort?: number, name?: string) {
    this.protocol = protocol;
    this.portNumber = port;
    this.endPort = endPort;
    this.name = name;
  }

  /** Human-readable form, e.g. `TCP 8080`, `UDP 1000-2000`, `TCP http`. */
  public toString(): string {
    return `${this.protocol} ${this.name ?? this.numbers()}`;
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
   * The ports this denotes: the number, the range, or every port of the protocol when there is no
   * number. Undefined for a named port, whose number each destination pod's containers decide.
   * @internal
   */
  public _portSet(): PortSet | undefined {
    if (this.name !== undefined) return undefined;
    if (this.portNumber === undefined) return PortSet.port(this.protocol, MIN_PORT, MAX_PORT);
    return PortSet.port(this.protocol, this.portNumber, this.endPort ?? this.portNumber);
  }

  private numbers(): string {
    if (this.portNumber === undefined) return `${MIN_PORT}-${MAX_PORT}`;
    return this.endPort !== undefined ? `${this.portNumber}-${this.endPort}` : `${this.portNumber}`;
  }
}
