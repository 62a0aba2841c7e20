import { WELKIN } from '../../kube/platform';
import { checkCidr } from '../../kube/validation/cidr';

/**
 * The cluster DNS service IP, where Welkin's node-local DNS (a host-network DaemonSet) answers
 * pods' queries; DNS egress rules allow it as an ipBlock.
 */
export class ClusterDnsIp {
  /** Kubespray clusters: `10.233.0.3/32`. */
  public static kubespray(): ClusterDnsIp {
    return new ClusterDnsIp(WELKIN.dns.serviceCidrs.kubespray);
  }

  /** Cluster API clusters: `10.233.0.10/32`. */
  public static clusterApi(): ClusterDnsIp {
    return new ClusterDnsIp(WELKIN.dns.serviceCidrs.clusterApi);
  }

  /**
   * Any other service IP or CIDR (`kubectl -n kube-system get svc kube-dns -o jsonpath='{.spec.clusterIP}'`).
   * @param address an IP address (taken as a /32 or /128) or a CIDR
   */
  public static of(address: string): ClusterDnsIp {
    const text = String(address);
    return new ClusterDnsIp(text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`, text);
  }

  /** The address as a CIDR, e.g. `10.233.0.3/32`. */
  public readonly cidr: string;
  private readonly given: string;

  private constructor(cidr: string, given: string = cidr) {
    this.cidr = cidr;
    this.given = given;
  }

  /**
   * What is wrong with the address, or undefined.
   * @internal
   */
  public _problem(): string | undefined {
    const problem = checkCidr(this.cidr, 'cluster DNS IP');
    return problem && `${problem} (given ${JSON.stringify(this.given.slice(0, 100))}; e.g. ClusterDnsIp.of('10.96.0.10'))`;
  }
}
