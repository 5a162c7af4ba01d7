import { globMatch } from '../../../version/glob.js';
import { covers, intersects, sample, sampleOfAll } from '../../../rules/upstream/glob-lang.js';
import { generatedRulesYaml } from '../../../rules/upstream/rule-yaml.js';
import type { Condition, RuleTest, RuleTestDevice } from '../../../rules/types.js';
import { revisionGlobs } from '../../../rules/cut-version.js';
import { LIBATA_FLAGS, type LibataFlag, type TestSetting } from './libata-flags.js';
import type { LibataEntry, LibataTable } from './libata-table.js';
import { cutExcludedSample, cutModelExclusions, cutSample, possibleSpaceCut, spaceCutSample } from './cut-model.js';

/** IDENTIFY model is 40 bytes, firmware revision 8 (ATA_ID_PROD_LEN, ATA_ID_FW_REV_LEN). */
export const MODEL_LEN = 40;
export const REV_LEN = 8;
/**
 * A model the output gave cut (lsblk's 16-character SCSI INQUIRY product of an ATA drive) is stored ending in `…`:
 * the kernel matches the whole model, so no entry is matched on a part of it.
 */
export const CUT_MARK = '…';
const CUT_MODEL = `*${CUT_MARK}`;

/** A rule as written in YAML (the fields of docs/rule-format.md). */
export interface RuleDoc {
  id: string;
  title: string;
  severity: string;
  description: string;
  applies_to: { class: string[]; model: string[]; not_model?: string[]; vendor_id?: number[] };
  when?: Condition[];
  message: string;
  remediation: string;
  references: string[];
  tests: RuleTest[];
}

/** Why an entry gives no rule: the kernel can never reach it. */
export interface Unreachable {
  entry: LibataEntry;
  reason: string;
}

export interface LibataRules {
  rules: RuleDoc[];
  unreachable: Unreachable[];
  /** Flags the table uses that LIBATA_FLAGS does not describe: the generator refuses to guess. */
  unknownFlags: string[];
}

/** Where ata_dev_quirks() stops for entry i: the earlier entries a matching drive must not match. */
export interface FirstMatch {
  notModel: string[];
  /** Earlier entries keyed on model and firmware whose model pattern takes every model this one does. */
  notFirmware: string[];
  /** Earlier entries keyed on model and firmware that share only some models with this one. */
  notEntries: { model: string; rev: string }[];
  /**
   * A model the SCSI layer cut to its first 16 characters (stored ending in `…`) gets the rule's flag by this entry
   * unless it matches one of these (cut-model.ts, per flag); undefined: no cut model is decided.
   */
  notCut?: string[];
  unreachable?: string;
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
const entryName = (e: LibataEntry): string => (e.rev === null ? `"${e.model}"` : `"${e.model}" firmware "${e.rev}"`);

export function firstMatch(entries: LibataEntry[], i: number): FirstMatch {
  const e = entries[i]!;
  const out: FirstMatch = { notModel: [], notFirmware: [], notEntries: [] };
  if (sample(e.model, [], MODEL_LEN) === undefined) return { ...out, unreachable: `no ${MODEL_LEN}-byte model matches "${e.model}"` };
  if (e.rev !== null && sample(e.rev, [], REV_LEN) === undefined) return { ...out, unreachable: `no ${REV_LEN}-byte firmware revision matches "${e.rev}"` };
  for (let j = 0; j < i; j++) {
    const p = entries[j]!;
    if (!intersects(p.model, e.model, MODEL_LEN)) continue;
    const modelCovered = covers(p.model, e.model, MODEL_LEN);
    if (p.rev === null) {
      if (modelCovered) return { ...out, unreachable: `line ${p.line} (${entryName(p)}) matches every drive this entry does` };
      if (!out.notModel.includes(p.model)) out.notModel.push(p.model);
      continue;
    }
    if (e.rev !== null && !intersects(p.rev, e.rev, REV_LEN)) continue;
    if (!modelCovered) {
      out.notEntries.push({ model: p.model, rev: p.rev });
      continue;
    }
    if (e.rev !== null && covers(p.rev, e.rev, REV_LEN)) return { ...out, unreachable: `line ${p.line} (${entryName(p)}) matches every drive this entry does` };
    if (!out.notFirmware.includes(p.rev)) out.notFirmware.push(p.rev);
  }
  // An earlier model-and-firmware entry takes none of the drives the rule selects when no firmware revision matches it, or
  // when model-only entries (the rule's not_model) take every model it shares with this one: its condition would be dead.
  out.notEntries = out.notEntries.filter((x) => sample(x.rev, [], REV_LEN) !== undefined && sampleOfAll([e.model, x.model], out.notModel, MODEL_LEN) !== undefined);
  return out;
}

function settings(s: TestSetting[] | undefined): RuleTestDevice['settings'] {
  return s?.map((x) => ({ namespace: x.namespace, key: x.key, value: x.value }));
}

const HOST_BDF = '0000:00:11.0';

function device(model: string, rev: string, flag: LibataFlag, s: TestSetting[] | undefined): RuleTestDevice[] {
  const ata: RuleTestDevice = { key: 'ata:dev1.0', class: 'ata', model, firmware: { firmware: rev } };
  const st = settings(s);
  if (st?.length) ata.settings = st;
  if (flag.hostVendor === undefined) return [ata];
  return [{ ...ata, pci_address: HOST_BDF }, { key: HOST_BDF, class: 'pci', vendor_id: flag.hostVendor }];
}

/** The kernel reads IDENTIFY strings without their trailing spaces (ata_id_c_string), so no drive shows one: samples avoid it when they can. */
const TRAILING_SPACE = '* ';
const realSample = (pattern: string, avoid: string[], maxLen: number): string | undefined =>
  sample(pattern, [...avoid, TRAILING_SPACE], maxLen) ?? sample(pattern, avoid, maxLen);

/** A drive the rule selects that an earlier entry's firmware-keyed exclusion (a `not` condition) takes first: its quiet case. */
function shadowedCase(e: LibataEntry, fm: FirstMatch, model: string): { model: string; rev: string; prior: string } | undefined {
  for (const g of fm.notFirmware) {
    const rev = sampleOfAll([e.rev ?? '?*', g], [TRAILING_SPACE], REV_LEN);
    if (rev !== undefined) return { model, rev, prior: `firmware ${g}` };
  }
  for (const x of fm.notEntries) {
    const m = sampleOfAll([e.model, x.model], [...fm.notModel, TRAILING_SPACE], MODEL_LEN);
    const rev = sampleOfAll([e.rev ?? '?*', x.rev], [TRAILING_SPACE], REV_LEN);
    if (m !== undefined && rev !== undefined) return { model: m, rev, prior: `"${x.model}" firmware "${x.rev}"` };
  }
  return undefined;
}

/**
 * The SCSI INQUIRY revision libata makes of a firmware revision (its last 4 of 8 characters, the first 4 when those are
 * blank), as the ata loaders store it: with `…` before it (analyzer/classes/ata/inquiry-cut.ts).
 */
export function cutFirmware(rev: string): string {
  const r = rev.padEnd(REV_LEN, ' ').slice(0, REV_LEN);
  return `${CUT_MARK}${(r.slice(4).trim() ? r.slice(4) : r.slice(0, 4)).trimEnd()}`;
}

/** Ends of a firmware for the test of a drive known by 4 characters no listed firmware shows. */
const OTHER_ENDS = ['Z9Z9', 'Q0Q0', '~~~~'];

/** A model the SCSI layer gives whole (its INQUIRY product holds 16 characters; one of 15 or 16 may be cut). */
const INQUIRY_WHOLE = 14;
const LONGER = `${'?'.repeat(INQUIRY_WHOLE + 1)}*`;

/** Settings the ata loaders read from IDENTIFY only (namespace/key): a drive known by its SCSI name has none of them. */
const IDENTIFY_SETTINGS = new Set(['ata/sata_max_gen']);

function tests(e: LibataEntry, fm: FirstMatch, flag: LibataFlag): RuleDoc['tests'] {
  const model = realSample(e.model, fm.notModel, MODEL_LEN);
  const shadowing = [...fm.notFirmware, ...fm.notEntries.filter((x) => model !== undefined && globMatch(x.model, model)).map((x) => x.rev)];
  const rev = model === undefined ? undefined : realSample(e.rev ?? '?*', shadowing, REV_LEN);
  if (model === undefined || rev === undefined) throw new Error(`${entryName(e)}: no sample drive reaches this entry`);
  const out: RuleDoc['tests'] = [{ name: `${model} firmware ${rev} matches`, expect: 'fail', devices: device(model, rev, flag, flag.firing) }];
  if (flag.when) {
    out.push({ name: `${model} firmware ${rev} with the quirk in effect`, expect: 'pass', devices: device(model, rev, flag, flag.quiet) });
    const only = flag.when.length === 1 && 'setting' in flag.when[0]! ? flag.when[0].setting : undefined;
    out.push({ name: 'the setting was not collected: skip', expect: 'skip', ...(only ? { missing: `setting ${only.namespace}/${only.key}` } : {}), devices: device(model, rev, flag, undefined) });
  }
  const shadowed = flag.when ? undefined : shadowedCase(e, fm, model);
  if (shadowed) {
    out.push({ name: `${shadowed.model} firmware ${shadowed.rev} matches the earlier ${shadowed.prior} entry first`, expect: 'pass', devices: device(shadowed.model, shadowed.rev, flag, flag.firing) });
  }
  if (e.rev !== null) {
    const other = realSample('?*', [e.rev], REV_LEN)!;
    out.push({ name: `firmware ${other} is not listed`, expect: 'pass', devices: device(model, other, flag, flag.firing) });
  } else {
    const other = realSample('?*', [e.model], MODEL_LEN)!;
    out.push({ name: `model ${other} is not listed`, expect: 'not_applicable', devices: device(other, rev, flag, flag.firing) });
  }
  const cut = fm.notCut ? cutSample(e.model, [...fm.notCut, ...fm.notModel]) : undefined;
  // A drive named by the SCSI layer's 16 characters shows no IDENTIFY: a setting read from IDENTIFY is not collected.
  const cutFiring = flag.firing?.filter((x) => !IDENTIFY_SETTINGS.has(`${x.namespace}/${x.key}`));
  const unseen = flag.firing?.find((x) => IDENTIFY_SETTINGS.has(`${x.namespace}/${x.key}`));
  if (cut !== undefined && unseen === undefined) {
    out.push({ name: `${cut}${CUT_MARK}, the first 16 characters the SCSI layer gives of a model it matches`, expect: 'fail', devices: device(`${cut}${CUT_MARK}`, cutFirmware(rev), flag, flag.firing) });
    const spaced = spaceCutSample(e.model, [...fm.notCut!, ...fm.notModel]);
    if (spaced !== undefined) {
      out.push({ name: `${spaced}${CUT_MARK}, the SCSI layer's 15 characters and the space after them, of a model it matches`, expect: 'fail', devices: device(`${spaced}${CUT_MARK}`, cutFirmware(rev), flag, flag.firing) });
    }
  } else if (cut !== undefined && unseen !== undefined) {
    out.push({
      name: `${cut}${CUT_MARK}, the first 16 characters the SCSI layer gives of a model it matches, has no IDENTIFY to give ${unseen.namespace}/${unseen.key}: skip`,
      expect: 'skip', missing: `setting ${unseen.namespace}/${unseen.key}`, devices: device(`${cut}${CUT_MARK}`, cutFirmware(rev), flag, cutFiring),
    });
  }
  const maybe = fm.notCut === undefined && e.rev === null ? possibleSpaceCut(e.model) : undefined;
  if (maybe !== undefined) {
    out.push({ name: `${maybe}${CUT_MARK}, the SCSI layer's 15 characters and a space, may be the start of a model it matches or not: the flag is not known`, expect: 'not_applicable', devices: device(`${maybe}${CUT_MARK}`, cutFirmware(rev), flag, cutFiring) });
  }
  const unsure = fm.notCut?.find((x) => cutExcludedSample(e.model, x) !== undefined);
  const unsureCut = unsure === undefined ? undefined : cutExcludedSample(e.model, unsure);
  if (unsure !== undefined && unsureCut !== undefined) {
    out.push({ name: `${unsureCut}${CUT_MARK} may go on to a model an earlier entry without ${flag.name} ("${unsure}…") takes first: the flag is not known`, expect: 'not_applicable', devices: device(`${unsureCut}${CUT_MARK}`, cutFirmware(rev), flag, cutFiring) });
  }
  // A firmware the SCSI layer cut to 4 characters (…1630 of VA111630) decides no firmware condition: the rule skips.
  const short = e.rev !== null || fm.notFirmware.length ? realSample(e.model, [...fm.notModel, LONGER], INQUIRY_WHOLE) : undefined;
  if (short !== undefined && unseen === undefined && !fm.notEntries.some((x) => globMatch(x.model, short))) {
    const cutRev = cutFirmware(rev);
    out.push({ name: `${short} firmware ${cutRev}, the SCSI layer's 4 characters of ${rev}: the firmware is not known`, expect: 'skip', missing: 'firmware firmware (running)', devices: device(short, cutRev, flag, flag.firing) });
    // 4 characters no firmware the entry lists would show (the end of none, nor one of them whole): the entry does not apply.
    const ends = e.rev === null ? undefined : revisionGlobs(e.rev);
    const other = ends && OTHER_ENDS.find((x) => !ends.some((g) => globMatch(g, x)));
    if (other !== undefined) {
      out.push({ name: `${short} firmware ${CUT_MARK}${other}, the SCSI layer's 4 characters of no firmware "${e.rev}" matches: not listed`, expect: 'pass', devices: device(short, `${CUT_MARK}${other}`, flag, flag.firing) });
    }
  }
  for (const prior of fm.notModel.slice(0, 1)) {
    const first = realSample(prior, [], MODEL_LEN);
    if (first !== undefined && globMatch(e.model, first)) {
      out.push({ name: `${first} matches the earlier "${prior}" entry first`, expect: 'not_applicable', devices: device(first, rev, flag, flag.firing) });
    }
  }
  return out;
}

/**
 * The sectors ATA_QUIRK_MAX_SEC limits a drive of this entry to: ata_dev_get_quirk_value() takes the first row of
 * __ata_dev_max_sec_quirks whose model (and firmware, when the row names one) glob_match() the drive's strings. The
 * entry's own strings stand for the drive; a MAX_SEC entry without a row is an error (the kernel would limit it to 0).
 */
export function maxSectorsOf(t: LibataTable, e: LibataEntry): LibataTable['maxSec'][number] {
  const rev = e.rev ?? '';
  const row = t.maxSec.find((r) => globMatch(r.model, e.model) && (r.rev === null || globMatch(r.rev, rev) || r.rev === e.rev));
  if (!row) throw new Error(`${t.file} line ${e.line}: ${JSON.stringify(e.model)} sets ATA_QUIRK_MAX_SEC but __ata_dev_max_sec_quirks has no row for it`);
  return row;
}

function rule(t: LibataTable, i: number, entryMatch: FirstMatch, flagName: string, id: string): RuleDoc {
  const e = t.entries[i]!;
  const notCut = cutModelExclusions(t.entries, i, MODEL_LEN, flagName);
  const fm: FirstMatch = notCut ? { ...entryMatch, notCut } : entryMatch;
  const base = LIBATA_FLAGS[flagName]!;
  const max = flagName === 'MAX_SEC' ? maxSectorsOf(t, e) : undefined;
  const flag = max ? { ...base, effect: `${base.effect} to ${max.sectors} (${(max.sectors * 512) / 1024} KiB)` } : base;
  const source = `Linux ${t.kernel} ${t.file} line ${e.line}: ${t.table} entry {${JSON.stringify(e.model)}, ${e.rev === null ? 'NULL' : JSON.stringify(e.rev)}} → ${e.flags.map((f) => `ATA_QUIRK_${f}`).join(' | ')}`;
  const others = e.flags.filter((f) => f !== flagName).map((f) => LIBATA_FLAGS[f]?.name ?? f);
  const description = [
    `Linux ${t.kernel} lists ${entryName(e)} in libata's quirk table with ${flag.name}: it ${flag.effect} because ${flag.problem}.`,
    e.note ? `The table's comment: "${e.note}".` : '',
    others.length ? `The same entry also sets ${others.join(', ')} (each has its own rule).` : '',
    flag.when ? 'The rule fires when the bundle shows the drive without that protection: a kernel that lacks the entry, or an override.' : 'The rule reports every drive the entry matches.',
  ].filter((x) => x !== '').join(' ');
  const doc: RuleDoc = {
    id,
    title: `${e.model}${e.rev === null ? '' : ` firmware ${e.rev}`}: libata quirk ${flag.name}`,
    severity: flag.severity,
    description,
    applies_to: { class: ['ata'], model: [e.model], not_model: [...fm.notModel, ...(fm.notCut ? fm.notCut.map((x) => `${x}${CUT_MARK}`) : [CUT_MODEL])], ...(flag.hostVendor !== undefined ? { vendor_id: [flag.hostVendor] } : {}) },
    when: undefined,
    message: `{device} ({model})[[ firmware {firmware}]]: Linux ${t.kernel} applies libata quirk ${flag.name} to this drive — it ${flag.effect}${flag.when ? ', but the bundle shows it is not in effect' : ''}`,
    remediation: flag.remediation,
    references: [
      source,
      `Linux ${t.kernel} ${t.file}: ata_dev_quirks() takes the first entry whose model and firmware patterns glob_match() the IDENTIFY strings (cut at the first NUL, trailing spaces dropped)`,
      `Linux ${t.kernel} include/linux/libata.h: __ATA_QUIRK_${flagName}`,
      ...(max ? [`Linux ${t.kernel} ${t.file} line ${max.line}: __ata_dev_max_sec_quirks entry {${JSON.stringify(max.model)}, ${max.rev === null ? 'NULL' : JSON.stringify(max.rev)}, ${max.sectors}}: the sectors ata_dev_get_quirk_value() gives ATA_QUIRK_MAX_SEC for it`] : []),
    ],
    tests: [],
  };
  const when: Condition[] = [
    ...(e.rev !== null ? [{ firmware: { component: 'firmware', glob: e.rev } }] : []),
    ...fm.notFirmware.map((g): Condition => ({ not: { firmware: { component: 'firmware', glob: g } } })),
    ...fm.notEntries.map((x): Condition => ({ not: { all: [{ model: { glob: x.model } }, { firmware: { component: 'firmware', glob: x.rev } }] } })),
    ...(flag.when ?? []),
  ];
  if (when.length) doc.when = when;
  else delete doc.when;
  doc.tests = tests(e, fm, flag);
  return doc;
}

/** One rule per reachable entry and flag, in table order. */
export function generateLibataRules(t: LibataTable): LibataRules {
  const out: LibataRules = { rules: [], unreachable: [], unknownFlags: [] };
  const ids = new Set<string>();
  t.entries.forEach((e, i) => {
    for (const f of e.flags) if (!LIBATA_FLAGS[f] && !out.unknownFlags.includes(f)) out.unknownFlags.push(f);
    if (e.flags.length === 0) return;
    const fm = firstMatch(t.entries, i);
    if (fm.unreachable) {
      out.unreachable.push({ entry: e, reason: fm.unreachable });
      return;
    }
    const base = `ata.libata-quirk.${slug(e.model)}${e.rev === null ? '' : `-${slug(e.rev)}`}`;
    let name = base;
    for (let n = 2; ids.has(name); n++) name = `${base}-${n}`;
    ids.add(name);
    for (const f of e.flags) if (LIBATA_FLAGS[f]) out.rules.push(rule(t, i, fm, f, `${name}.${slug(LIBATA_FLAGS[f].name)}`));
  });
  return out;
}

/** The YAML file the rules are committed as; generated, so a test can prove it matches the table. */
export function libataRulesYaml(t: LibataTable, g: LibataRules = generateLibataRules(t)): string {
  if (g.unknownFlags.length) throw new Error(`libata flags without a description: ${g.unknownFlags.join(', ')}`);
  return generatedRulesYaml([
    `# GENERATED from Linux ${t.kernel} ${t.file} (${t.table}, sha256 ${t.sha256}) by \`npm run rules:upstream\`.`,
    '# Do not edit: change analyzer/classes/ata/upstream/ and regenerate. One rule per entry and quirk flag.',
    ...g.unreachable.map((u) => `# No rule for line ${u.entry.line} ${entryName(u.entry)}: unreachable, ${u.reason}.`),
  ], g.rules);
}

/** What ata_dev_quirks() returns for a drive: the flags of the first matching entry. */
export function kernelQuirks(t: LibataTable, model: string, rev: string): { entry: LibataEntry; flags: string[] } | undefined {
  const e = t.entries.find((x) => globMatch(x.model, model) && (x.rev === null || globMatch(x.rev, rev)));
  return e ? { entry: e, flags: e.flags } : undefined;
}
