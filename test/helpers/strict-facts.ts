/** Test setup: a loader emitting a fact no class declares throws, so its test fails loudly instead of leaving an issue row. */
import { setUndeclaredFactPolicy } from '../../analyzer/facts/contract.js';

setUndeclaredFactPolicy('throw');
