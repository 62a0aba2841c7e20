// The heavy parts of the CLI (the engine, the diff, the rule pack, the manifest reader and its
// YAML parser), loaded when a command runs instead of at start-up, so that `--help`, `--version`
// and usage errors load only the option tables. Types come from `import type`, which loads nothing.
/* eslint-disable @typescript-eslint/no-require-imports */

/** Loads each heavy module on first use (Node's module cache makes later calls free). */
export const load = {
  analysis: (): typeof import('../analysis') => require('../analysis'),
  analysisModel: (): typeof import('../analysis/model/objects') => require('../analysis/model/objects'),
  diff: (): typeof import('../diff') => require('../diff'),
  manifests: (): typeof import('../kube/manifests') => require('../kube/manifests'),
  profile: (): typeof import('./profile') => require('./profile'),
  rulePack: (): typeof import('../rules/rule-pack') => require('../rules/rule-pack'),
  rulePackRunner: (): typeof import('../rules/runner') => require('../rules/runner'),
  report: (): typeof import('../report') => require('../report'),
};
