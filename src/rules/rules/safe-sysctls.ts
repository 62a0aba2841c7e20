import { isObj, objectsOf } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

/** The sysctls Pod Security baseline allows (Kubernetes 1.29+). */
export const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];

export const safeSysctls: Rule = {
  id: 'safe-sysctls',
  title: 'Pods set only safe sysctls',
  severity: Severity.ERROR,
  standsFor: 'R10; Pod Security baseline (Sysctls); kube-linter unsafe-sysctls; Polaris',
  fix: `Remove the sysctl, or use one of the safe set: ${SAFE_SYSCTLS.join(', ')}.`,
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const t of index.podTemplates) {
      const sc = isObj(t.spec.securityContext) ? t.spec.securityContext : {};
      const unsafe = objectsOf(sc.sysctls).map(s => String(s.name)).filter(n => !SAFE_SYSCTLS.includes(n));
      if (unsafe.length > 0) out.push({ object: t.owner, message: `${describe(t.owner)} sets unsafe sysctl(s) ${unsafe.join(', ')}` });
    }
    return out;
  },
};
