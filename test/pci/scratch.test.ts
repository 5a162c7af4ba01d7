import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { parseLspciText } from '../../analyzer/classes/pci/lspci-text.js';
it('dump', () => { const r = parseLspciText(readFileSync(process.env.F!, 'utf8')); console.log(JSON.stringify(r.issues, null, 1), JSON.stringify(r.functions.map((f) => ({ ...f, capabilities: f.capabilities?.map((c) => [c.offset.toString(16), c.id, c.fields && Object.keys(c.fields)]) })), null, 0).slice(0, 3000)); });
