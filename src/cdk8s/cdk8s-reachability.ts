import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AnalysisOptions, ClusterProfile, NetworkAnalysis } from '../analysis';
import { ManagedService } from '../constructs/network/managed-service';
import { Platform } from '../constructs/platform/platform';

/**
 * Reachability analysis of what cdk8s synthesizes: a chart's or a whole app's manifests, as they
 * would be written to `dist/`, without writing them.
 */
export class Cdk8sReachability {
  /**
   * Analyses the manifests one chart synthesizes. When no profile is given and a `Platform` is
   * registered on the chart, the platform's workloads (ingress controller, DNS, Prometheus) take
   * part as real peers. Managed services the chart's apps connect to (`allowTo`) whose pods are known
   * (PostgreSQL) are added to the profile as platform workloads (`postgres-system/shop-db[StatefulSet]`).
   */
  static fromChart(chart: Chart, options?: AnalysisOptions): NetworkAnalysis {
    return NetworkAnalysis.fromManifests(chart.toJson(), withManagedServices(chart, withPlatformProfile(chart, options)));
  }

  /**
   * Analyses every chart of an app together, as one cluster: a policy in one chart can admit the
   * workloads of another.
   */
  static fromApp(app: App, options?: AnalysisOptions): NetworkAnalysis {
    const platformScope = app.charts.find(chart => Platform.tryOf(chart) !== undefined) ?? app;
    return NetworkAnalysis.fromManifests(app.charts.flatMap(chart => chart.toJson()),
      withManagedServices(app, withPlatformProfile(platformScope, options)));
  }

  private constructor() {}
}

/** The options, with the registered platform's profile when the caller gave none. */
function withPlatformProfile(scope: IConstruct, options: AnalysisOptions | undefined): AnalysisOptions {
  if (options?.profile) return options;
  const platform = Platform.tryOf(scope);
  return platform ? { ...options, profile: platform.clusterProfile() } : { ...options };
}

/** The options, with the managed services used under `scope` added to the profile (one it lacks). */
function withManagedServices(scope: IConstruct, options: AnalysisOptions): AnalysisOptions {
  const used = ManagedService._usedUnder(scope);
  const profile = options.profile;
  const known = new Set((profile?.workloads ?? []).map(w => `${w.namespace}/${w.name}`));
  const added = used.filter(w => !known.has(`${w.namespace}/${w.name}`));
  if (added.length === 0) return options;
  return {
    ...options,
    profile: new ClusterProfile({
      name: profile?.name,
      ingressController: profile?.ingressController,
      dns: profile?.dns,
      monitoring: profile?.monitoring,
      otherWorkloads: [...profile?.otherWorkloads ?? [], ...added],
    }),
  };
}
