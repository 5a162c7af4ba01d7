/** Build step: validates the shipped rules and writes the load cache beside the compiled rule loader. */
import { defaultRulesDir, writeRulesCache } from './load-rules.js';

const n = writeRulesCache(defaultRulesDir());
process.stdout.write(`rules cache: ${n} rules\n`);
