/**
 * What every example provides, so that `npm run synth`, the tests and the README share one
 * definition of each example: the charts it builds into an App, the DNS records its users must
 * create, the cluster its connections are computed against and the rule-pack settings it is
 * linted with.
 */
import { App, Chart } from 'cdk8s';
import { ClusterProfile, PlatformWorkload, RulePackConfig } from '../src';

/** The charts of an example, built into an App. */
export interface BuiltExample {
  /** The example's charts, in the order they are written. */
  readonly charts: Chart[];
  /** The DNS records to create, in zone-file form (`demo.example.com. 900 CNAME app.example.com.`). */
  readonly dnsRecords: string[];
}

/** An example: a name (its folder under examples/dist/) and how to build it. */
export interface Example {
  /** The example's folder name, e.g. `user-demo`. */
  readonly name: string;
  /** One line saying what it shows. */
  readonly title: string;
  /** The cluster the example lands on: the platform's workloads, which take part as real peers. */
  readonly profile: ClusterProfile;
  /** The rule-pack settings the output is linted with. */
  readonly lintConfig: RulePackConfig;
  /** Builds the example's charts into `app` (tests pass `Testing.app()`, synth an App with an outdir). */
  build(app: App): BuiltExample;
}

/** The domain of the example cluster. */
export const DOMAIN = 'example.com';

/** The platform registry (Harbor): every image comes from it, so the allowed-registries rule runs too. */
export const REGISTRY = 'harbor.example.com/';

/** Lint settings shared by the examples: the platform's registry is the only one allowed. */
export const LINT_CONFIG: RulePackConfig = { allowedRegistries: [REGISTRY] };

/**
 * Welkin's ingress controller, CoreDNS, node-local DNS and Prometheus (`ClusterProfile.welkin()`),
 * plus any other platform-operated workloads the example talks to (e.g. a managed PostgreSQL).
 */
export function welkinProfile(otherWorkloads: PlatformWorkload[] = []): ClusterProfile {
  const welkin = ClusterProfile.welkin();
  return new ClusterProfile({
    name: welkin.name,
    ingressController: welkin.ingressController,
    dns: welkin.dns,
    nodeLocalDns: welkin.nodeLocalDns,
    monitoring: welkin.monitoring,
    otherWorkloads: [...welkin.otherWorkloads, ...otherWorkloads],
  });
}
