import { type ClassRedaction, under, wholeValue } from '../../../bundle/redact/layout.js';
import { keepWhole } from '../../../bundle/redact/generic-layouts.js';
import { redactHexId, redactIdentifier } from '../../../bundle/redact/values.js';
import type { TokenMap } from '../../../bundle/redact/tokens.js';

/** `dmidecode` of an imported report: serial numbers and UUIDs are found by the text search; asset tags are learned here. */
function dmidecodeLearn(d: Buffer, t: TokenMap): [] {
  for (const m of d.toString('utf8').matchAll(/^\t(?:Asset Tag|Serial Number|UUID): (.+?)\s*$/gm)) {
    if (/^[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$/.test(m[1]!)) redactHexId(t, 'uuid', m[1]!);
    else redactIdentifier(t, m[1]!);
  }
  return [];
}

/**
 * A saved paste of the DMI files (`grep . /sys/class/dmi/id/*`: `path:value`; `head`: `==> path <==` then the value):
 * the serials, asset tags and UUID in it are learned as the files' own are.
 */
function dmiPasteLearn(d: Buffer, t: TokenMap): [] {
  const text = d.toString('utf8');
  const secret = String.raw`(product_serial|board_serial|chassis_serial|board_asset_tag|chassis_asset_tag|product_uuid)`;
  const found = [
    ...[...text.matchAll(new RegExp(String.raw`\/dmi\/id\/${secret}:(.*)$`, 'gm'))].map((m) => [m[1]!, m[2]!] as const),
    ...[...text.matchAll(new RegExp(String.raw`==> \S*\/dmi\/id\/${secret} <==\r?\n(.*)$`, 'gm'))].map((m) => [m[1]!, m[2]!] as const),
  ];
  for (const [file, raw] of found) {
    const v = raw.trim();
    if (v === '' || v.startsWith('==> ')) continue;
    if (file === 'product_uuid') redactHexId(t, 'uuid', v);
    else redactIdentifier(t, v);
  }
  return [];
}

/** A saved `fwupdmgr get-devices`: the devices' serial numbers (text `Serial Number:`, 1.x `Serial:`, JSON `"Serial"`). */
function fwupdLearn(d: Buffer, t: TokenMap): [] {
  const text = d.toString('utf8');
  for (const m of text.matchAll(/(?:^|[│\s])Serial(?: Number)?:\s+(\S.*?)\s*$/gm)) redactIdentifier(t, m[1]!);
  for (const m of text.matchAll(/"Serial"\s*:\s*"([^"]+)"/g)) redactIdentifier(t, m[1]!);
  return [];
}

const DMI = '(?:class\\/dmi\\/id|devices\\/virtual\\/dmi\\/id)';
const dmi = (files: string): RegExp => new RegExp(`^sys\\/${DMI}\\/(?:${files})$`);
const DMI_SECRETS = ['product_serial', 'board_serial', 'chassis_serial', 'board_asset_tag', 'chassis_asset_tag'];
// Model names are kept whole (a host named like its model must not change the model), so they are learned first.
const DMI_MODELS = ['product_name', 'product_version', 'board_name', 'sys_vendor', 'board_vendor', 'bios_version'];

/** DMI serials, asset tags and the system UUID; the DMI model and version fields rules compare are kept whole. */
export const redaction: ClassRedaction = {
  layouts: [
    { name: 'dmi serial', test: under(dmi(DMI_SECRETS.join('|'))), binary: false, learn: (d, t) => wholeValue(d, (v) => redactIdentifier(t, v)) },
    { name: 'dmi uuid', test: under(dmi('product_uuid')), binary: false, learn: (d, t) => wholeValue(d, (v) => redactHexId(t, 'uuid', v)) },
    {
      name: 'dmi compared fields',
      test: under(dmi('product_name|product_version|product_family|product_sku|board_name|board_vendor|board_version|sys_vendor|bios_vendor|bios_version|chassis_vendor|chassis_version')),
      binary: false,
      learn: keepWhole,
    },
    { name: 'dmidecode', test: under(/^cmd\/dmidecode\/[^/]+\.out$/), binary: false, learn: dmidecodeLearn },
    { name: 'dmi paste', test: under(/^cmd\/(?:grep|head)\/[^/]*%2fdmi%2fid%2f[^/]*\.out$/), binary: false, learn: dmiPasteLearn },
    { name: 'fwupdmgr', test: under(/^cmd\/fwupdmgr\/[^/]+\.out$/), binary: false, learn: fwupdLearn },
    // The BMC's GUID identifies the machine like the DMI UUID does.
    { name: 'bmc guid', test: under(/^sys\/devices\/platform\/ipmi_bmc\.\d+\/guid$/), binary: false, learn: (d, t) => wholeValue(d, (v) => redactHexId(t, 'uuid', v)) },
  ],
  public: [/^etc\/os-release$/, /^usr\/lib\/os-release$/],
  noIps: [/^proc\/(?:modules|sys\/kernel\/(?:osrelease|version))$/],
  seedFiles: [...DMI_SECRETS, 'product_uuid', ...DMI_MODELS].map((f) => `/sys/class/dmi/id/${f}`),
};
