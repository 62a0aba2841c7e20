import { AllowedConnection, AnalysisOptions, NetworkAnalysis } from '../analysis';
import { loadManifestFiles } from '../kube/manifests';

/**
 * The connections the manifests under the paths allow (files or directories, read recursively).
 * Throws ManifestLoadError, naming the file and document, when any of them cannot be read.
 */
export function connectionsOfManifests(paths: readonly string[], options: AnalysisOptions = {}): AllowedConnection[] {
  return NetworkAnalysis.fromManifests(loadManifestFiles(paths).map(m => m.object), options).connections;
}
