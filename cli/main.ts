#!/usr/bin/env node
/**
 * The `fwsnap` command. For collect and check, the source workers are forked before anything else is
 * loaded: each is a Node process of its own that takes ~50 ms to start, and that start then overlaps the
 * loading of the command line and the collector in this one.
 */
const invoked = process.argv.slice(2).find((a) => !a.startsWith('-'));
if ((invoked === 'collect' || invoked === 'check') && !process.argv.includes('--help') && !process.argv.includes('-h')) {
  const { defaultConcurrency, prestartWorkers } = await import('../collector/run/worker-pool.js');
  prestartWorkers(defaultConcurrency());
}
await (await import('./program.js')).run(invoked);
export {};
