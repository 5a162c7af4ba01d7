/** Build step: validates the shipped rules against the declared facts and writes the load cache beside the compiled rule loader. */
import { defaultRulesDir, RuleFileError, writeRulesCache } from './load-rules.js';
import { recordReadersId } from '../load/readers-id.js';

try {
  const n = writeRulesCache(defaultRulesDir());
  process.stdout.write(`rules cache: ${n} rules\n`);
} catch (e) {
  if (!(e instanceof RuleFileError)) throw e;
  process.stderr.write(`build: the shipped rules do not load — ${e.message}\n`);
  process.exit(1);
}

process.stdout.write(`readers: ${recordReadersId()}\n`);
