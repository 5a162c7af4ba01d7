import type { Source, SourceContext } from '../../source.js';
import { FWMANAGER_PASTE_TOOLS, FWRESET_PASTE_TOOLS, isImageQuery, LINK_PASTE_TOOLS, MST_PASTE_TOOLS, MST_STATUS_TOOL, pastedFwManagerArgv, pastedFwResetArgv, pastedLinkArgv, pastedMstArgv, pastedMstStatusArgv } from './pasted.js';

const PCI_DEVICES = '/sys/bus/pci/devices';
export const MELLANOX_VENDOR = '0x15b3';
/** mstconfig -e query reads every TLV three times; a slow or busy device takes seconds. */
export const MST_TIMEOUT_MS = 8000;
/** mstflint's NV-configuration database and HCA register layouts (Debian's paths). */
export const MSTFLINT_DATA = ['/usr/share/mstflint/mlxconfig_dbs/mlxconfig_host.db', '/usr/share/mstflint/prm_dbs/hca/ext/register_access_table.adb'] as const;
const MSTFLINT_DATA_MAX = 16 * 1024 * 1024;

/** The mst commands run per physical function, in order. Each only reads (see commands.ts). */
export function mstCommands(bdf: string): { tool: string; argv: string[] }[] {
  return [
    { tool: 'mstconfig', argv: ['mstconfig', '-d', bdf, '-e', 'query'] },
    { tool: 'mstflint', argv: ['mstflint', '-d', bdf, 'query'] },
    { tool: 'mstreg', argv: ['mstreg', '-d', bdf, '--get', '--reg_name', 'MGIR'] },
  ];
}

/** Vendor 0x15b3 functions that are not virtual functions (VFs have no access to the NV configuration or flash). */
function connectxFunctions(ctx: SourceContext): string[] {
  const out: string[] = [];
  for (const bdf of ctx.listDir(PCI_DEVICES) ?? []) {
    const dir = `${PCI_DEVICES}/${bdf}`;
    if (ctx.peekText(`${dir}/vendor`)?.trim() !== MELLANOX_VENDOR) continue;
    if (ctx.exists(`${dir}/physfn`)) continue;
    out.push(bdf);
  }
  return out;
}

/** Outputs of the mst tools a captured tree holds under names people save them as (replay only). */
function pastedOutputs(ctx: SourceContext): { argv: string[]; file: string }[] {
  if (!ctx.replay) return [];
  const saved = (tool: string, argvOf: (tool: string, f: string) => string[] | undefined, e: string): { argv: string[]; file: string }[] => {
    const dir = `/cmd/${tool}`;
    if (!ctx.isDir(dir)) return [];
    return (ctx.listDir(dir) ?? []).flatMap((f) => {
      if (/\.(err|status)$/.test(f)) return [];
      const argv = argvOf(tool, f);
      if (!argv) {
        const why = isImageQuery(tool, f) ? 'is a query of an image file (-i): it describes the image, not a device, and is not read' : `names no ${e}`;
        ctx.issue(`cmd/${tool}/${f}`, 'UNKNOWN_NAME', `saved ${tool} output: the name ${why}`);
      }
      return argv ? [{ argv, file: `cmd/${tool}/${f}` }] : [];
    });
  };
  return [
    ...MST_PASTE_TOOLS.flatMap((tool) => saved(tool, pastedMstArgv, 'query or set preview (e.g. -d_3b:00.0_q.out, -e_-d_3b:00.0_query.txt)')),
    ...FWMANAGER_PASTE_TOOLS.flatMap((tool) => saved(tool, pastedFwManagerArgv, 'query (e.g. --query.out, -d_3b:00.0_--query.out, --query_--query-format_XML.out)')),
    ...FWRESET_PASTE_TOOLS.flatMap((tool) => saved(tool, pastedFwResetArgv, 'query (e.g. -d_3b:00.0_q.out, -d_3b:00.0_query.txt)')),
    ...LINK_PASTE_TOOLS.flatMap((tool) => saved(tool, pastedLinkArgv, 'port report of queries that only print (e.g. -d_3b:00.0.out, -d_3b:00.0_-p_1_-m.txt)')),
    ...saved(MST_STATUS_TOOL, (_tool, f) => pastedMstStatusArgv(f), 'status listing (e.g. status.out, status_-v.out)'),
  ];
}

export const source: Source = {
  name: 'mlx',
  description: 'NVIDIA/Mellanox (vendor 15b3) physical functions: mstconfig NV configuration (default/current/next boot), mstflint firmware query, MGIR via mstreg',
  collect(ctx) {
    const functions = connectxFunctions(ctx);
    const pasted = pastedOutputs(ctx);
    if (functions.length === 0 && pasted.length === 0) ctx.skip('no NVIDIA/Mellanox PCI functions on this host');
    const tools = ['mstconfig', 'mstflint', 'mstreg'].filter((t) => ctx.hasCommand(t));
    if (tools.length === 0 && pasted.length === 0) ctx.skip(ctx.replay ? 'the captured tree holds no output of the mstflint tools (cmd/mstconfig/, cmd/mstflint/, cmd/mstreg/ or their MFT names)' : 'the mstflint tools (mstconfig, mstflint, mstreg) are not installed');
    for (const bdf of functions) {
      ctx.device('pci', bdf);
      for (const c of mstCommands(bdf)) if (tools.includes(c.tool)) ctx.runCommand(c.argv, { timeoutMs: MST_TIMEOUT_MS });
    }
    // The vendor data these tools read on this host, so the analysis uses what the host's own tools meant.
    if (tools.length) for (const f of MSTFLINT_DATA) if (ctx.exists(f)) ctx.collectFile(f, { maxBytes: MSTFLINT_DATA_MAX });
    // Outputs the source replayed above under their own names are stored once (the context keeps the first). Several
    // saved outputs standing for one argv (`mlxconfig query.txt` and `mlxconfig-q-hp544.txt`, both `mlxconfig q`: the device
    // is in their text) are each stored, as <args>.out, <args>@2.out, …
    const copies = new Map<string, number>();
    for (const p of pasted) {
      const key = p.argv.join('\0');
      const copy = (copies.get(key) ?? 0) + 1;
      copies.set(key, copy);
      ctx.runCommand(p.argv, { replayFrom: p.file, copy });
    }
  },
};
