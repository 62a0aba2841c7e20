import type { ConnectionDiff } from '../../diff';
import { defineCommand } from '../command';
import { readManifests } from '../input';
import { load } from '../lazy';
import {
  ExitStatus, HOST_NETWORK_OPTION, MAX_FILE_SIZE_OPTION, PATH_FORMS, PLATFORM_OPTION, PROFILE_OPTION, analysisOptions, flag, outputOption,
} from '../options';

const FORMATS: Record<string, (diff: ConnectionDiff) => string> = {
  text: diff => load.diff().renderDiffText(diff),
  md: diff => load.diff().renderDiffMarkdown(diff),
};

const OPTIONS = {
  output: outputOption(FORMATS, 'text', 'output format (md: markdown for a pull request comment)'),
  platform: PLATFORM_OPTION,
  maxFileSize: MAX_FILE_SIZE_OPTION,
  profile: PROFILE_OPTION,
  hostNetwork: HOST_NETWORK_OPTION,
  exitCode: flag({ name: 'exit-code', help: 'exit with status 1 when anything changed (as `git diff --exit-code`)' }),
};

export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'connections added, removed and changed between two sets of manifests',
  description: 'Compares the connections two sets of manifests allow, for reviewing a change: which peer pairs '
    + 'gained a connection, lost it, or changed ports, exposure to pods neither side shows included '
    + '(entire-cluster, [namespace with {...}]/[all pods], ...). Outside addresses are compared over the address space, '
    + 'however each side\'s policies cut it.',
  operands: {
    usage: 'OLD NEW',
    help: `OLD, NEW: each ${PATH_FORMS}; only one of them can be -.`,
    min: 2,
    max: 2,
    countError: n => `expected OLD and NEW, got ${n} path${n === 1 ? '' : 's'}`,
  },
  options: OPTIONS,
  findings: 'with --exit-code: something changed',
  run({ options, operands }, io) {
    const analysis = analysisOptions(options, io);
    // Each side is read (keeping only what the engine reads) and analysed before the other is read;
    // exposure (to pods neither side shows) is part of what a change may open or close.
    const read = { maxFileSize: options.maxFileSize, keep: load.analysisModel().analysisView };
    const [before, after] = operands.map(p => {
      const a = load.analysis().NetworkAnalysis.fromManifests(readManifests([p], io, read).map(m => m.object), analysis);
      return [...a.connections, ...a.exposure];
    });
    const diff = load.diff().diffConnections(before, after);
    io.stdout(options.output(diff));
    const changed = diff.added.length + diff.removed.length + diff.changed.length > 0;
    return options.exitCode && changed ? ExitStatus.FINDINGS : ExitStatus.OK;
  },
});
