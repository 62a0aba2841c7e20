/** The one place tests and benchmarks call the engine, so its API is adapted in one file. */
import { AnalysisOptions, NetworkAnalysis } from '../../src/analysis';

export function analyzeObjects(objects: readonly object[], options: AnalysisOptions = {}): NetworkAnalysis {
  return NetworkAnalysis.fromManifests(objects as Array<{ [key: string]: any }>, options);
}
