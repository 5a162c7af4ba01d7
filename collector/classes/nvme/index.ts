import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { source } from './source.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';
import { ioctls } from './ioctls.js';
import { savedNvmeCommand, savedNvmeList } from './saved.js';
import { nvmeShape, nvmeUnnamed } from './output-shape.js';

/**
 * The command a saved nvme-cli output stands for as the loader reads it: a controller's log or Identify Controller is the
 * controller's whatever node it was run on (`id-ctrl nvme0n1` and nvme-cli 3's `id ctrl nvme0` are one command, of which
 * one output is read); an Identify Namespace is its namespace's.
 */
function standsFor(treeName: string, text?: string): string[] | undefined {
  const c = savedNvmeCommand(treeName, text);
  if (!c || c.controller === undefined || c.argv[1] === 'id-ns') return c?.argv;
  return c.argv.map((w) => (/^\/dev\/nvme/.test(w) ? `/dev/${c.controller}` : w));
}

export const nvme: CollectorClass = { name: 'nvme', imports, sources: [source], redaction, commands: { nvme: { ...commands.nvme, saved: (n) => savedNvmeCommand(n) !== undefined || savedNvmeList(n) !== undefined, standsFor, shape: nvmeShape, unnamed: nvmeUnnamed } }, ioctls };
