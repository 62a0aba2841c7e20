import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { INamespaceRef, NAMESPACE_OBJECTS } from './namespace-ref';
import { attachGuardrails } from '../../cdk8s/platform-facts';
import { SubnamespaceAnchor } from '../../imports/hnc.x-k8s.io';
import { NAMESPACE_NAME_LABEL, standardLabels } from '../../kube/labels';
import { LabelSelector } from '../../kube/selectors';
import { checkDnsLabel } from '../../kube/validation/dns';
import { checkLabels } from '../../kube/validation/labels';
import { SUPPRESS_ANNOTATION } from '../../rules/suppressions';
import { assertValid, fail } from '../core/errors';
import { claimNames } from '../core/name-registry';
import { IPeer, Peer } from '../network/peer';
import { PolicyObject } from '../network/policy-object';
import { Platform } from '../platform/platform';

/** Pod Security Standards levels. */
export enum PodSecurityLevel {
  /** Hardened: what the platform requires of application namespaces. */
  RESTRICTED = 'restricted',
  /** Prevents known privilege escalations. */
  BASELINE = 'baseline',
  /** Unrestricted. */
  PRIVILEGED = 'privileged',
}

/** Props of DefaultDenyNamespace. */
export interface DefaultDenyNamespaceProps {
  /**
   * The namespace's name (a DNS label).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The platform whose DNS the `allow-dns` policy admits.
   * @default - `Platform.of(this)`
   */
  readonly platform?: Platform;
  /**
   * Pod Security level enforced (`pod-security.kubernetes.io/enforce`).
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Pod Security level audited (`pod-security.kubernetes.io/audit`).
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurityAudit?: PodSecurityLevel;
  /**
   * Pod Security level warned about (`pod-security.kubernetes.io/warn`).
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurityWarn?: PodSecurityLevel;
  /**
   * Emit `allow-same-namespace`: every pod of the namespace may reach every other on any port.
   * Convenient, but it undoes micro-segmentation (BSI APP.4.4.A18), so it is off by default.
   * @default false
   */
  readonly allowWithinNamespace?: boolean;
  /**
   * Extra labels on the Namespace.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Create the namespace as an HNC subnamespace of this parent, a namespace the team owns: a
   * `SubnamespaceAnchor` in the parent instead of a `Namespace` (teams on Welkin cannot create
   * Namespaces). HNC copies every NetworkPolicy of the parent into the child. Needs a platform with
   * hierarchical namespaces (Welkin).
   * @default - a Namespace object
   */
  readonly parent?: string;
  /**
   * In subnamespace mode, ask HNC to set the Pod Security labels (and `labels`) on the child
   * through the anchor's `spec.labels`. HNC applies only labels its administrators listed with
   * `--managed-namespace-label`; without that, the child keeps the platform's own Pod Security
   * labels, so levels below restricted need this.
   * @default false: the child's Pod Security labels are the platform's (a synth warning says so)
   */
  readonly hncManagedLabels?: boolean;
}

/**
 * A Namespace that is closed by default: Pod Security labels (restricted unless told otherwise),
 * the policy `default-deny` (every pod, both directions, no rules) and the policy `allow-dns`
 * (egress to the platform's DNS only, one namespace+pod selector element, UDP and TCP 53).
 *
 * With `parent` it is an HNC subnamespace instead: a `SubnamespaceAnchor` in the parent and the
 * policies in the child, no Namespace (HNC also copies the parent's policies into the child).
 *
 * Create SecureApps and certificates inside it (`new SecureApp(ns, 'web', ...)`) or pass it as
 * `namespace`: their objects land in it and are ordered after it. It is also a peer (`app.allowFrom(ns)` admits every pod of the namespace).
 */
export class DefaultDenyNamespace extends Construct implements INamespaceRef, IPeer {
  /** The namespace's name. */
  public readonly name: string;
  /** The Namespace object (undefined for a subnamespace). */
  public readonly namespaceObject?: ApiObject;
  /** The HNC `SubnamespaceAnchor` in the parent, for a subnamespace. */
  public readonly anchor?: ApiObject;
  /** The parent namespace, for a subnamespace. */
  public readonly parent?: string;
  /** The `default-deny` NetworkPolicy. */
  public readonly defaultDenyPolicy: ApiObject;
  /** The `allow-dns` NetworkPolicy. */
  public readonly allowDnsPolicy: ApiObject;
  /** The `allow-same-namespace` NetworkPolicy, if asked for. */
  public readonly allowWithinNamespacePolicy?: ApiObject;

  constructor(scope: Construct, id: string, props: DefaultDenyNamespaceProps = {}) {
    super(scope, id);
    this.name = props.name ?? id;
    assertValid(this, checkDnsLabel(this.name, 'namespace name'));
    if (this.name === 'default' || this.name.startsWith('kube-')) {
      fail(this, `namespace name ${JSON.stringify(this.name)} is reserved by Kubernetes; choose your own name such as "demo"`);
    }
    assertValid(this, checkLabels(props.labels ?? {}, 'namespace labels'));
    // These labels are the construct's to set; a user value would be silently replaced.
    const reserved = Object.keys(props.labels ?? {}).find(k => k.startsWith('pod-security.kubernetes.io/') || k === NAMESPACE_NAME_LABEL);
    if (reserved !== undefined) {
      fail(this, `namespace label ${JSON.stringify(reserved)} is set by DefaultDenyNamespace; `
        + 'choose Pod Security levels with the podSecurity, podSecurityAudit and podSecurityWarn props, and the name with `name`');
    }
    const levels = {
      enforce: props.podSecurity ?? PodSecurityLevel.RESTRICTED,
      audit: props.podSecurityAudit ?? PodSecurityLevel.RESTRICTED,
      warn: props.podSecurityWarn ?? PodSecurityLevel.RESTRICTED,
    };
    const unknown = Object.entries(levels).find(([, level]) => !Object.values(PodSecurityLevel).includes(level));
    if (unknown) {
      fail(this, `Pod Security ${unknown[0]} level ${JSON.stringify(unknown[1])} is not a level; use PodSecurityLevel.RESTRICTED, BASELINE or PRIVILEGED`);
    }
    const platform = props.platform ?? Platform.of(this);
    this.parent = props.parent;
    if (this.parent !== undefined) {
      assertValid(this, checkDnsLabel(this.parent, 'parent namespace'));
      if (this.parent === this.name) fail(this, `parent namespace ${JSON.stringify(this.parent)} is the namespace itself; name the namespace the team owns`);
      if (!platform.hierarchicalNamespaces) {
        fail(this, 'the platform has no hierarchical namespaces (HNC), so a subnamespace cannot be created; '
          + 'set `hierarchicalNamespaces: true` on the platform if it runs HNC, or leave `parent` out to emit a Namespace');
      }
    } else if (props.hncManagedLabels !== undefined) {
      fail(this, '`hncManagedLabels` applies to a subnamespace only; give `parent` too, or leave it out');
    }
    claimNames(this, [
      { kind: 'Namespace', namespace: '', name: this.name },
      ...['default-deny', 'allow-dns', ...(props.allowWithinNamespace ? ['allow-same-namespace'] : [])]
        .map(name => ({ kind: 'NetworkPolicy', namespace: this.name, name })),
    ]);
    attachGuardrails(this, platform);
    const labels = standardLabels({ name: this.name, component: 'namespace' });
    // A level below restricted is an explicit choice in the props: record it as the reason the
    // guardrails' pod-security-labels rule accepts it (reports still list it as suppressed).
    const loosened = Object.entries(levels).filter(([, level]) => level !== PodSecurityLevel.RESTRICTED);
    // The namespace-wide policies belong to no app: they must not look like one to label selectors.
    const policyLabels = standardLabels({ component: 'network-policy' });

    const podSecurityLabels = {
      'pod-security.kubernetes.io/enforce': levels.enforce,
      'pod-security.kubernetes.io/audit': levels.audit,
      'pod-security.kubernetes.io/warn': levels.warn,
    };
    const namespaceLabels = { ...props.labels, ...labels, ...podSecurityLabels };
    let namespaceObject: ApiObject;
    if (this.parent !== undefined) {
      // Teams cannot create Namespaces on Welkin: HNC creates the child from an anchor in the parent.
      const managed = props.hncManagedLabels ?? false;
      if (!managed && (loosened.length > 0 || props.labels !== undefined)) {
        fail(this, `a subnamespace cannot set its own namespace labels (${loosened.length > 0 ? 'Pod Security levels below restricted' : 'labels'}) unless HNC manages them; `
          + 'set `hncManagedLabels: true` if the platform\'s HNC lists them with --managed-namespace-label, or create a Namespace (no `parent`)');
      }
      this.anchor = new SubnamespaceAnchor(this, 'Anchor', {
        metadata: { name: this.name, namespace: this.parent, labels },
        // Only the labels HNC may manage: Pod Security and the user's own (not the standard app labels).
        spec: managed ? { labels: Object.entries({ ...props.labels, ...podSecurityLabels }).map(([key, value]) => ({ key, value })) } : undefined,
      });
      namespaceObject = this.anchor;
      if (!managed) {
        const warning = `subnamespace ${this.name} (HNC, parent ${this.parent}): its Pod Security labels are not set by this chart; `
          + 'HNC lets a team set namespace labels only where its administrators made them managed labels, so the child has the platform\'s '
          + `defaults (Welkin: ${levels.enforce}). Set \`hncManagedLabels: true\` where HNC manages pod-security.kubernetes.io/* labels`;
        this.node.addMetadata('warning', warning);
        // Printed at synth, once per construct (charts are often synthesized more than once).
        let printed = false;
        this.node.addValidation({
          validate: () => {
            if (!printed) console.warn(`cdk8s-netsec warning: ${warning}`);
            printed = true;
            return [];
          },
        });
      }
    } else {
      this.namespaceObject = new k8s.KubeNamespace(this, 'Namespace', {
        metadata: {
          name: this.name,
          labels: namespaceLabels,
          annotations: loosened.length === 0 ? undefined : {
            [SUPPRESS_ANNOTATION]: `pod-security-labels: chosen explicitly in DefaultDenyNamespace props (${loosened.map(([m, l]) => `${m} ${l}`).join(' and ')})`,
          },
        },
      });
      namespaceObject = this.namespaceObject;
      // cdk8s copies a chart's namespace onto every object, a Namespace included (cdk8s-plus gap 9).
      if (Chart.of(this).namespace !== undefined) {
        this.namespaceObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
      }
    }

    const deny = new PolicyObject(this, 'DefaultDeny', {
      name: 'default-deny', namespace: this.name, podSelector: {}, policyTypes: ['Ingress', 'Egress'], labels: policyLabels,
    });
    this.defaultDenyPolicy = deny.apiObject;
    this.defaultDenyPolicy.node.addDependency(namespaceObject);

    const dns = new PolicyObject(this, 'AllowDns', {
      name: 'allow-dns', namespace: this.name, podSelector: {}, policyTypes: ['Egress'], labels: policyLabels,
    });
    const dnsPeer = platform.dnsPeer();
    dns.add('egress', [dnsPeer], dnsPeer._definition.defaultPorts!);
    this.allowDnsPolicy = dns.apiObject;
    this.allowDnsPolicy.node.addDependency(namespaceObject);

    if (props.allowWithinNamespace) {
      const same = new PolicyObject(this, 'AllowSameNamespace', {
        name: 'allow-same-namespace', namespace: this.name, podSelector: {}, policyTypes: ['Ingress', 'Egress'], labels: policyLabels,
      });
      const everyPod = Peer._of({ description: `every pod of ${this.name}`, peers: () => [{ podSelector: LabelSelector.EVERYTHING }] });
      same.add('ingress', [everyPod], []);
      same.add('egress', [everyPod], []);
      this.allowWithinNamespacePolicy = same.apiObject;
      this.allowWithinNamespacePolicy.node.addDependency(namespaceObject);
    }
  }

  /**
   * The objects constructs in this namespace are ordered after.
   * @internal
   */
  public [NAMESPACE_OBJECTS](): IConstruct[] {
    const optional = this.allowWithinNamespacePolicy ? [this.allowWithinNamespacePolicy] : [];
    return [(this.namespaceObject ?? this.anchor)!, this.defaultDenyPolicy, this.allowDnsPolicy, ...optional];
  }

  /** Every pod of this namespace, as a peer. */
  public toPeer(): Peer {
    return Peer.namespace(this.name);
  }
}
