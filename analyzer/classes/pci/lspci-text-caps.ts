/**
 * The registers lspci -vv prints under one capability, read back into the field names the config space
 * decoder uses (pci-config-*.ts), so both sources give the same facts. Only what the text shows is set:
 * `-v` prints capability names alone, older pciutils print fewer flags.
 */
import type { Aspm, ExpressFields } from './pci-config-express.js';
import type { CapabilityFields, CapabilityKind } from './pci-config.js';
import { ACS_BITS, AER_CAPS, CORRECTABLE, SRIOV_CAPS, SRIOV_CTL, UNCORRECTABLE } from './pci-config-extended.js';
import { EXT_CAP, CAP } from './pci-config-names.js';

/** Every field optional, at every depth: what a text shows of a decoded capability. */
export type Shown<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: Shown<T[K]> } : T;

export type ShownFields = Shown<CapabilityFields> & { kind: CapabilityKind };

/** One register as lspci printed it: its `Name:` line and the continuation lines after it, joined. */
export interface RegisterText {
  name: string;
  text: string;
  line: number;
}

/** `Name+` / `Name-` tokens of a flag line (`PME(D0-,D1+)` gives D0 and D1). */
export function flagsOf(text: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const m of text.matchAll(/(?:^|[\s,(:])([A-Za-z0-9][A-Za-z0-9_./-]*?)([+-])(?=[\s,)]|$)/g)) out.set(m[1]!, m[2] === '+');
  return out;
}

const num = (re: RegExp, text: string, radix = 10): number | undefined => {
  const m = re.exec(text);
  return m ? parseInt(m[1]!, radix) : undefined;
};

const speedGts = (s: string | undefined): number | null | undefined => {
  if (s === undefined) return undefined;
  return s === 'unknown' ? null : Number(s);
};

/** A field object with only the keys that were found (undefined values dropped). */
function only<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Flags named differently by older pciutils, mapped to today's names. */
const FLAG_ALIASES: Record<string, string> = {
  Correctable: 'CorrErr',
  'Non-Fatal': 'NonFatalErr',
  Fatal: 'FatalErr',
  Unsupported: 'UnsupReq',
  UncorrErr: 'NonFatalErr',
  UnsuppReq: 'UnsupReq',
  Disabled: 'LnkDisable',
  Suprise: 'Surprise',
  Mask: 'Maskable',
};

function flags(text: string): Map<string, boolean> {
  const f = flagsOf(text);
  for (const [old, now] of Object.entries(FLAG_ALIASES)) if (f.has(old) && !f.has(now)) f.set(now, f.get(old)!);
  return f;
}

const PORT_TYPES: Record<string, number> = {
  'Endpoint': 0x0,
  'Legacy Endpoint': 0x1,
  'Root Port': 0x4,
  'Upstream Port': 0x5,
  'Downstream Port': 0x6,
  'PCI-Express to PCI/PCI-X Bridge': 0x7,
  'PCI/PCI-X to PCI-Express Bridge': 0x8,
  // pciutils before 3.1 for type 7.
  'PCI/PCI-X Bridge': 0x7,
  'Root Complex Integrated Endpoint': 0x9,
  'Root Complex Event Collector': 0xa,
};

const CANONICAL_PORT_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(PORT_TYPES).filter(([n]) => n !== 'PCI/PCI-X Bridge').map(([n, t]) => [t, n]),
);

/**
 * pciutils 2.x printed the Express registers as `Device:` and `Link:` lines (`Device: Supported: MaxPayload…`,
 * `Link: Supported Speed 2.5Gb/s, Width x1…`, `Link: ASPM Disabled RCB 64 bytes…`, `Link: Speed 2.5Gb/s…`):
 * they are regrouped under today's register names.
 */
function regroupOldExpress(regs: RegisterText[]): RegisterText[] {
  if (!regs.some((r) => r.name === 'Device' || r.name === 'Link')) return regs;
  const out: RegisterText[] = regs.filter((r) => r.name !== 'Device' && r.name !== 'Link');
  const add = (name: string, r: RegisterText): void => {
    const have = out.find((x) => x.name === name);
    if (have) have.text += ` ${r.text}`;
    else out.push({ name, text: r.text, line: r.line });
  };
  for (const r of regs) {
    if (r.name === 'Device') add(/^(?:Supported:|Latency|AtnBtn)/.test(r.text) ? 'DevCap' : 'DevCtl', r);
    else if (r.name === 'Link') add(/^(?:Supported|Latency)/.test(r.text) ? 'LnkCap' : /^ASPM/.test(r.text) ? 'LnkCtl' : 'LnkSta', r);
  }
  return out;
}

const ASPM_SUPPORT: Record<string, Aspm> = { 'not supported': 'disabled', L0s: 'L0s', L1: 'L1', 'L0s L1': 'L0s L1' };
const ASPM_ENABLED: Record<string, Aspm> = { Disabled: 'disabled', 'L0s Enabled': 'L0s', 'L1 Enabled': 'L1', 'L0s L1 Enabled': 'L0s L1' };

/** `Express (v2) Root Port (Slot+), MSI 00` / `Express Endpoint, IntMsgNum 0`: the part after "Express". */
function expressHeader(rest: string): Shown<ExpressFields> {
  const version = num(/^\(v(\d+)\)/, rest);
  const body = rest.replace(/^\(v\d+\)\s*/, '');
  const typeName = Object.keys(PORT_TYPES).sort((a, b) => b.length - a.length).find((t) => body.startsWith(t));
  const unknown = /^Unknown type (\d+)/.exec(body);
  const slot = /\(Slot([+-])\)/.exec(body);
  const msg = /, MSI ([0-9a-f]{2})\b/.exec(body);
  const intMsg = /, IntMsgNum (\d+)/.exec(body) ?? / IRQ (\d+)$/.exec(body);
  return only({
    kind: 'express' as const,
    capVersion: version,
    portType: typeName ? PORT_TYPES[typeName] : unknown ? Number(unknown[1]) : undefined,
    portTypeName: typeName ? CANONICAL_PORT_NAMES[PORT_TYPES[typeName]!] : unknown ? unknown[0] : undefined,
    // Only ports with a slot print (Slot±); lspci prints nothing for the others, whose bit is 0 in practice but unshown.
    slotImplemented: slot ? slot[1] === '+' : undefined,
    interruptMessage: msg ? parseInt(msg[1]!, 16) : intMsg ? Number(intMsg[1]) : undefined,
  });
}

function bytes(re: RegExp, text: string): number | undefined {
  return num(re, text);
}

function expressRegisters(base: Shown<ExpressFields>, shown: RegisterText[]): Shown<ExpressFields> {
  const regs = regroupOldExpress(shown);
  const out: Shown<ExpressFields> = { ...base };
  const reg = (n: string): string | undefined => regs.find((r) => r.name === n)?.text;
  const devCap = reg('DevCap');
  if (devCap !== undefined) {
    const f = flags(devCap);
    const limit = /SlotPowerLimit ([\d.]+)W/.exec(devCap);
    out.devCap = only({
      maxPayloadBytes: bytes(/MaxPayload (\d+) bytes/, devCap),
      // lspci prints 2^n - 1 phantom functions for the field's value n.
      phantomFunctions: ((p) => (p === undefined ? undefined : Math.log2(p + 1)))(num(/PhantFunc (\d+)/, devCap)),
      extTag: f.get('ExtTag'),
      roleBasedErrorReporting: f.get('RBE'),
      flr: f.get('FLReset'),
      slotPowerLimitW: limit ? Number(limit[1]) : undefined,
    });
  }
  const devCtl = reg('DevCtl');
  if (devCtl !== undefined) {
    const f = flags(devCtl);
    out.devCtl = only({
      correctableErrors: f.get('CorrErr'),
      nonFatalErrors: f.get('NonFatalErr'),
      fatalErrors: f.get('FatalErr'),
      unsupportedRequests: f.get('UnsupReq'),
      relaxedOrdering: f.get('RlxdOrd'),
      maxPayloadBytes: bytes(/MaxPayload (\d+) bytes/, devCtl),
      extTag: f.get('ExtTag'),
      phantomFunctions: f.get('PhantFunc'),
      auxPower: f.get('AuxPwr'),
      noSnoop: f.get('NoSnoop'),
      maxReadRequestBytes: bytes(/MaxReadReq (\d+) bytes/, devCtl),
    });
  }
  const devSta = reg('DevSta');
  if (devSta !== undefined) {
    const f = flags(devSta);
    out.devSta = only({
      correctableError: f.get('CorrErr'),
      nonFatalError: f.get('NonFatalErr'),
      fatalError: f.get('FatalErr'),
      unsupportedRequest: f.get('UnsupReq'),
      auxPower: f.get('AuxPwr'),
      transactionsPending: f.get('TransPend'),
    });
  }
  const lnkCap = reg('LnkCap');
  const lnkCtl = reg('LnkCtl');
  const lnkSta = reg('LnkSta');
  if (lnkCap !== undefined || lnkCtl !== undefined || lnkSta !== undefined) {
    const link: NonNullable<Shown<ExpressFields>['link']> = {};
    if (lnkCap !== undefined) {
      const f = flags(lnkCap);
      const aspm = /ASPM (not supported|unknown|L0s L1|L0s|L1)/.exec(lnkCap)?.[1];
      link.cap = only({
        port: num(/Port #?(\d+)/, lnkCap),
        maxSpeedGts: speedGts(/Speed ([\d.]+|unknown)(?:GT\/s)?/.exec(lnkCap)?.[1]),
        maxWidth: num(/Width x(\d+)/, lnkCap),
        aspmSupport: aspm ? ASPM_SUPPORT[aspm] : undefined,
        clockPm: f.get('ClockPM'),
        surpriseDownReporting: f.get('Surprise'),
        dllActiveReporting: f.get('LLActRep'),
        bandwidthNotification: f.get('BwNot'),
        aspmOptionalityCompliance: f.get('ASPMOptComp'),
      });
    }
    if (lnkCtl !== undefined) {
      const f = flags(lnkCtl);
      const aspm = /ASPM (Disabled|L0s L1 Enabled|L0s Enabled|L1 Enabled)/.exec(lnkCtl)?.[1];
      const rcb = num(/RCB (\d+) bytes/, lnkCtl);
      link.ctl = only({
        aspm: aspm ? ASPM_ENABLED[aspm] : undefined,
        rcbBytes: rcb === 64 ? 64 as const : rcb === 128 ? 128 as const : undefined,
        linkDisabled: f.get('LnkDisable'),
        commonClock: f.get('CommClk'),
        extendedSynch: f.get('ExtSynch'),
        clockPm: f.get('ClockPM'),
        autonomousWidthDisable: f.get('AutWidDis'),
        bandwidthMgmtInterrupt: f.get('BWInt'),
        autonomousBandwidthInterrupt: f.get('AutBWInt'),
      });
    }
    if (lnkSta !== undefined) {
      const f = flags(lnkSta);
      link.sta = only({
        speedGts: speedGts(/Speed ([\d.]+|unknown)(?:GT\/s)?/.exec(lnkSta)?.[1]),
        width: num(/Width x(\d+)/, lnkSta),
        trainingError: f.get('TrErr'),
        training: f.get('Train'),
        slotClock: f.get('SlotClk'),
        dllActive: f.get('DLActive'),
        bandwidthMgmt: f.get('BWMgmt'),
        autonomousBandwidth: f.get('ABWMgmt'),
      });
    }
    out.link = link;
  }
  const devCap2 = reg('DevCap2');
  if (devCap2 !== undefined) {
    const f = flags(devCap2);
    const ranges = /Completion Timeout: (Range [A-D]+|Not Supported)/.exec(devCap2)?.[1];
    out.devCap2 = only({
      completionTimeoutRanges: ranges,
      completionTimeoutDisable: f.get('TimeoutDis'),
      ariForwarding: f.get('ARIFwd'),
      atomicOpRouting: f.get('Routing'),
      atomicOp32: f.get('32bit'),
      atomicOp64: f.get('64bit'),
      atomicOp128Cas: f.get('128bitCAS'),
      ltr: f.get('LTR'),
      tenBitTagCompleter: f.get('10BitTagComp'),
      tenBitTagRequester: f.get('10BitTagReq'),
      extFmt: f.get('ExtFmt'),
      eeTlpPrefix: f.get('EETLPPrefix'),
    });
  }
  const devCtl2 = reg('DevCtl2');
  if (devCtl2 !== undefined) {
    const f = flags(devCtl2);
    const timeout = /Completion Timeout: ([^,]+?),/.exec(devCtl2)?.[1];
    out.devCtl2 = only({
      completionTimeout: timeout === undefined ? undefined : timeout === 'Unknown' || timeout.startsWith('Unknown') ? null : timeout,
      completionTimeoutDisable: f.get('TimeoutDis'),
      ariForwarding: f.get('ARIFwd'),
      atomicOpRequester: f.get('ReqEn'),
      atomicOpEgressBlocking: f.get('EgressBlck'),
      idoRequest: f.get('IDOReq'),
      idoCompletion: f.get('IDOCompl'),
      ltr: f.get('LTR'),
      tenBitTagRequester: f.get('10BitTagReq'),
    });
  }
  const lnkCap2 = reg('LnkCap2');
  if (lnkCap2 !== undefined) {
    const m = /Supported Link Speeds: ([\d.]+)(?:-([\d.]+))?GT\/s/.exec(lnkCap2);
    const all = [2.5, 5, 8, 16, 32, 64];
    out.linkCap2 = only({
      // lspci prints the range from 2.5 GT/s to the highest speed set (a device may not skip one).
      supportedSpeedsGts: m ? all.filter((s) => s >= Number(m[1]) && s <= Number(m[2] ?? m[1])) : undefined,
      crosslink: flags(lnkCap2).get('Crosslink'),
    });
  }
  const lnkCtl2 = reg('LnkCtl2');
  if (lnkCtl2 !== undefined) {
    const f = flags(lnkCtl2);
    const target = /Target Link Speed: ([\d.]+|Unknown)(?:GT\/s)?/.exec(lnkCtl2)?.[1];
    out.linkCtl2 = only({
      targetSpeedGts: target === undefined ? undefined : target === 'Unknown' ? null : Number(target),
      enterCompliance: f.get('EnterCompliance'),
      hwAutonomousSpeedDisable: f.get('SpeedDis'),
    });
  }
  return out;
}

type BitNames = readonly (readonly [number, string])[];

const OLD_ECRC = [['GenCap', 'ECRCGenCap'], ['CGenEn', 'ECRCGenEn'], ['ChkCap', 'ECRCChkCap'], ['ChkEn', 'ECRCChkEn']] as const;

/**
 * `Name+ Name- …` of a register as the config decoder's BitSet: the names it knows that are set, in its bit
 * order (raw is not printed; bits newer pciutils name and the decoder does not are left out, as it leaves them).
 */
function setOf(text: string | undefined, names: BitNames): { set: string[] } | undefined {
  if (text === undefined) return undefined;
  const f = flagsOf(text);
  // pciutils before 3.6 named the correctable Advisory Non-Fatal bit NonFatalErr.
  if (names === CORRECTABLE && f.has('NonFatalErr') && !f.has('AdvNonFatalErr')) f.set('AdvNonFatalErr', f.get('NonFatalErr')!);
  // pciutils before 3.5 printed the AERCap ECRC bits as GenCap, CGenEn, ChkCap, ChkEn (ls-ecaps.c, cap_aer).
  if (names === AER_CAPS) for (const [old, now] of OLD_ECRC) if (f.has(old) && !f.has(now)) f.set(now, f.get(old)!);
  return { set: names.map(([, n]) => n).filter((n) => f.get(n) === true) };
}

function aer(regs: RegisterText[]): ShownFields {
  const reg = (n: string): string | undefined => regs.find((r) => r.name === n)?.text;
  const cap = reg('AERCap');
  const header = reg('HeaderLog');
  return only({
    kind: 'aer' as const,
    uncorrectableStatus: setOf(reg('UESta'), UNCORRECTABLE),
    uncorrectableMask: setOf(reg('UEMsk'), UNCORRECTABLE),
    uncorrectableSeverity: setOf(reg('UESvrt'), UNCORRECTABLE),
    correctableStatus: setOf(reg('CESta'), CORRECTABLE),
    correctableMask: setOf(reg('CEMsk'), CORRECTABLE),
    firstErrorPointer: cap === undefined ? undefined : num(/First Error Pointer: ([0-9a-f]+)/, cap, 16),
    capabilities: setOf(cap, AER_CAPS),
    headerLog: header === undefined ? undefined : [...header.matchAll(/\b[0-9a-f]{8}\b/g)].map((m) => parseInt(m[0], 16)),
  });
}

function sriov(regs: RegisterText[]): ShownFields {
  const all = regs.map((r) => `${r.name}: ${r.text}`).join('\n');
  const reg = (n: string): string | undefined => regs.find((r) => r.name === n)?.text;
  const iovCap = reg('IOVCap');
  return only({
    kind: 'sriov' as const,
    capabilities: setOf(iovCap, SRIOV_CAPS),
    interruptMessage: iovCap === undefined ? undefined : num(/IntMsgNum (\d+)/, iovCap) ?? num(/Interrupt Message Number: ([0-9a-f]+)/, iovCap, 16),
    control: setOf(reg('IOVCtl'), SRIOV_CTL),
    initialVfs: num(/Initial VFs: (\d+)/, all),
    totalVfs: num(/Total VFs: (\d+)/, all),
    numVfs: num(/Number of VFs: (\d+)/, all),
    functionDependencyLink: num(/Function Dependency Link: ([0-9a-f]+)/, all, 16),
    vfOffset: num(/VF offset: (\d+)/, all),
    vfStride: num(/stride: (\d+)/, all),
    vfDeviceId: num(/Device ID: ([0-9a-f]{4})/, all, 16),
    supportedPageSizes: num(/Supported Page Size: ([0-9a-f]+)/, all, 16),
    systemPageSize: num(/System Page Size: ([0-9a-f]+)/, all, 16),
  });
}

function pm(rest: string, regs: RegisterText[]): ShownFields {
  const flagsText = regs.find((r) => r.name === 'Flags')?.text;
  const status = regs.find((r) => r.name === 'Status')?.text;
  const f = flagsText === undefined ? undefined : flags(flagsText);
  const s = status === undefined ? undefined : flags(status);
  const state = status === undefined ? undefined : /\bD([0-3])\b/.exec(status)?.[1];
  const pme = flagsText === undefined ? undefined : /PME\(([^)]*)\)/.exec(flagsText)?.[1];
  return only({
    kind: 'pm' as const,
    version: num(/version (\d+)/, rest),
    pmeClock: f?.get('PMEClk'),
    dsi: f?.get('DSI'),
    auxCurrentMa: flagsText === undefined ? undefined : num(/AuxCurrent=(\d+)mA/, flagsText),
    d1: f?.get('D1'),
    d2: f?.get('D2'),
    pmeFrom: pme === undefined ? undefined : [...flagsOf(pme)].filter(([, on]) => on).map(([n]) => n),
    powerState: state === undefined ? undefined : state === '3' ? 'D3hot' as const : (`D${state}` as 'D0' | 'D1' | 'D2'),
    noSoftReset: s?.get('NoSoftRst'),
    pmeEnable: s?.get('PME-Enable'),
    pmeStatus: status === undefined ? undefined : /PME([+-])\s*$/.exec(status)?.[1] === '+',
  });
}

function msi(rest: string): ShownFields {
  const f = flags(rest);
  const count = /Count=(\d+)\/(\d+)/.exec(rest);
  // pciutils 2.x: `Message Signalled Interrupts: Mask- 64bit+ Queue=0/1 Enable+`, the enabled and capable counts as powers of two.
  const queue = /Queue=(\d+)\/(\d+)/.exec(rest);
  return only({
    kind: 'msi' as const,
    enable: f.get('Enable'),
    vectorsEnabled: count ? Number(count[1]) : queue ? 2 ** Number(queue[1]) : undefined,
    vectorsCapable: count ? Number(count[2]) : queue ? 2 ** Number(queue[2]) : undefined,
    address64: f.get('64bit'),
    perVectorMasking: f.get('Maskable'),
  });
}

function msix(rest: string, regs: RegisterText[]): ShownFields {
  const f = flags(rest);
  const table = regs.find((r) => r.name === 'Vector table')?.text;
  const pba = regs.find((r) => r.name === 'PBA')?.text;
  return only({
    kind: 'msix' as const,
    enable: f.get('Enable'),
    // pciutils before 3.1 printed `Enable+ Mask- TabSize=64`.
    functionMask: f.get('Masked') ?? flagsOf(rest).get('Mask'),
    tableSize: num(/(?:Count|TabSize)=(\d+)/, rest),
    tableBar: table === undefined ? undefined : num(/BAR=(\d+)/, table),
    tableOffset: table === undefined ? undefined : num(/offset=([0-9a-f]+)/, table, 16),
    pbaBar: pba === undefined ? undefined : num(/BAR=(\d+)/, pba),
    pbaOffset: pba === undefined ? undefined : num(/offset=([0-9a-f]+)/, pba, 16),
  });
}

function acs(regs: RegisterText[]): ShownFields {
  return only({ kind: 'acs' as const, capabilities: setOf(regs.find((r) => r.name === 'ACSCap')?.text, ACS_BITS), control: setOf(regs.find((r) => r.name === 'ACSCtl')?.text, ACS_BITS) });
}

function ats(regs: RegisterText[]): ShownFields {
  const cap = regs.find((r) => r.name === 'ATSCap')?.text;
  const ctl = regs.find((r) => r.name === 'ATSCtl')?.text;
  const depth = cap === undefined ? undefined : num(/Invalidate Queue Depth: ([0-9a-f]+)/, cap, 16);
  const f = cap === undefined ? undefined : flags(cap);
  return only({
    kind: 'ats' as const,
    // The register's 0 means 32, as in the config decoder; lspci prints the raw field.
    invalidateQueueDepth: depth === undefined ? undefined : depth === 0 ? 32 : depth,
    pageAlignedRequest: f?.get('PageAligned'),
    globalInvalidate: f?.get('GlobalInvalidate'),
    enable: ctl === undefined ? undefined : flags(ctl).get('Enable'),
    smallestTranslationUnit: ctl === undefined ? undefined : num(/Smallest Translation Unit: ([0-9a-f]+)/, ctl, 16),
  });
}

function pasid(regs: RegisterText[]): ShownFields {
  const cap = regs.find((r) => r.name === 'PASIDCap')?.text;
  const ctl = regs.find((r) => r.name === 'PASIDCtl')?.text;
  const c = cap === undefined ? undefined : flags(cap);
  const t = ctl === undefined ? undefined : flags(ctl);
  return only({
    kind: 'pasid' as const,
    execSupported: c?.get('Exec'),
    privilegedSupported: c?.get('Priv'),
    maxPasidWidth: cap === undefined ? undefined : num(/Max PASID Width: ([0-9a-f]+)/, cap, 16),
    enable: t?.get('Enable'),
    execEnabled: t?.get('Exec'),
    privilegedEnabled: t?.get('Priv'),
  });
}

function ari(regs: RegisterText[]): ShownFields {
  const cap = regs.find((r) => r.name === 'ARICap')?.text;
  return only({ kind: 'ari' as const, nextFunction: cap === undefined ? undefined : num(/Next Function: (\d+)/, cap) });
}

/** The fields a capability's text gives, for the kinds the config decoder decodes; undefined for the others. */
export function capabilityFieldsFromText(id: number, extended: boolean, rest: string, regs: RegisterText[]): ShownFields | undefined {
  if (!extended) {
    if (id === CAP.EXPRESS) return { ...expressRegisters(expressHeader(rest.replace(/^Express\s*/, '')), regs), kind: 'express' };
    if (id === CAP.PM) return pm(rest, regs);
    if (id === CAP.MSI) return msi(rest);
    if (id === CAP.MSIX) return msix(rest, regs);
    if (id === CAP.VPD) return { kind: 'vpd' };
    return undefined;
  }
  switch (id) {
    case EXT_CAP.AER: return aer(regs);
    case EXT_CAP.SRIOV: return sriov(regs);
    case EXT_CAP.ACS: return acs(regs);
    case EXT_CAP.ATS: return ats(regs);
    case EXT_CAP.PASID: return pasid(regs);
    case EXT_CAP.ARI: return ari(regs);
    case EXT_CAP.DSN: {
      const serial = /([0-9a-f]{2}(?:-[0-9a-f]{2}){7})/.exec(rest)?.[1];
      return serial ? { kind: 'dsn', serial } : { kind: 'dsn' };
    }
    default: return undefined;
  }
}
