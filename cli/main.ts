#!/usr/bin/env node
/**
 * The `fwsnap` command. For collect and check, the first source worker is forked before anything else is
 * loaded (or taken over from the launcher bin/fwsnap, which started it beside this process): it is a Node
 * process of its own that takes ~70 ms to start, and that start then overlaps the loading of the command line
 * and the collector in this one. A plain `collect` of the live host also sends it its first source at once.
 */
const invoked = process.argv.slice(2).find((a) => !a.startsWith('-'));
if ((invoked === 'collect' || invoked === 'check') && !process.argv.includes('--help') && !process.argv.includes('-h')) {
  const [{ prestartWorkers }, { earlyStart, plainCollect }] = await Promise.all([import('../collector/run/worker-pool.js'), import('./early-start.js')]);
  // One: further lanes open only when a source runs long (collector/run/runner.ts), by then there is time to fork.
  prestartWorkers(1, earlyStart(process.argv.slice(2)));
  // A plain collect runs without the command line module (commander): it returns only if commander is needed after all.
  const plain = plainCollect(process.argv.slice(2));
  if (plain) await (await import('./collect-command.js')).runPlainCollect(plain);
}
await (await import('./program.js')).run(invoked);
export {};
