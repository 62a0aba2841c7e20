// The YAML reader of the pure core: manifests read as kubectl reads them (go-yaml v2, YAML 1.1).
export { readYamlStream, YamlDocument } from './stream';
export { JsonObject, JsonValue } from './decode';
export { YamlError } from './errors';
