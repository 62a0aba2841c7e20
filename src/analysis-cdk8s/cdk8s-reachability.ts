import { App, Chart } from 'cdk8s';
import { AnalysisOptions, NetworkAnalysis } from '../analysis';

/**
 * Reachability analysis of what cdk8s synthesizes: a chart's or a whole app's manifests, as they
 * would be written to `dist/`, without writing them.
 */
export class Cdk8sReachability {
  /** Analyses the manifests one chart synthesizes. */
  static fromChart(chart: Chart, options?: AnalysisOptions): NetworkAnalysis {
    return NetworkAnalysis.fromManifests(chart.toJson(), options ?? {});
  }

  /**
   * Analyses every chart of an app together, as one cluster: a policy in one chart can admit the
   * workloads of another.
   */
  static fromApp(app: App, options?: AnalysisOptions): NetworkAnalysis {
    return NetworkAnalysis.fromManifests(app.charts.flatMap(chart => chart.toJson()), options ?? {});
  }

  private constructor() {}
}
