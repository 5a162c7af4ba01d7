import { bit, field, linkSpeedGts, supportedSpeedsGts, type ConfigBytes } from './pci-config-bytes.js';

/** The PCI Express capability (id 0x10), decoded register by register as lspci -vvv shows it. */
export interface ExpressFields {
  kind: 'express';
  capVersion: number;
  /** Device/port type code and its lspci name (Endpoint, Root Port, Upstream Port…). */
  portType: number;
  portTypeName: string;
  slotImplemented: boolean;
  interruptMessage: number;
  devCap: {
    maxPayloadBytes: number;
    phantomFunctions: number;
    extTag: boolean;
    roleBasedErrorReporting: boolean;
    flr: boolean;
    slotPowerLimitW: number;
  };
  devCtl: {
    correctableErrors: boolean;
    nonFatalErrors: boolean;
    fatalErrors: boolean;
    unsupportedRequests: boolean;
    relaxedOrdering: boolean;
    maxPayloadBytes: number;
    extTag: boolean;
    phantomFunctions: boolean;
    auxPower: boolean;
    noSnoop: boolean;
    maxReadRequestBytes: number;
  };
  devSta: {
    correctableError: boolean;
    nonFatalError: boolean;
    fatalError: boolean;
    unsupportedRequest: boolean;
    auxPower: boolean;
    transactionsPending: boolean;
  };
  link: ExpressLink | null;
  devCap2: ExpressDevCap2 | null;
  devCtl2: ExpressDevCtl2 | null;
  linkCap2: { supportedSpeedsGts: number[]; crosslink: boolean } | null;
  linkCtl2: { targetSpeedCode: number; targetSpeedGts: number | null; enterCompliance: boolean; hwAutonomousSpeedDisable: boolean } | null;
}

export type Aspm = 'disabled' | 'L0s' | 'L1' | 'L0s L1';

export interface ExpressLink {
  cap: {
    port: number;
    maxSpeedCode: number;
    maxSpeedGts: number | null;
    maxWidth: number;
    /** ASPM states the port supports; 'disabled' means none. */
    aspmSupport: Aspm;
    clockPm: boolean;
    surpriseDownReporting: boolean;
    dllActiveReporting: boolean;
    bandwidthNotification: boolean;
    aspmOptionalityCompliance: boolean;
  };
  ctl: {
    aspm: Aspm;
    rcbBytes: 64 | 128;
    linkDisabled: boolean;
    commonClock: boolean;
    extendedSynch: boolean;
    clockPm: boolean;
    autonomousWidthDisable: boolean;
    bandwidthMgmtInterrupt: boolean;
    autonomousBandwidthInterrupt: boolean;
  };
  sta: {
    speedCode: number;
    speedGts: number | null;
    width: number;
    trainingError: boolean;
    training: boolean;
    slotClock: boolean;
    dllActive: boolean;
    bandwidthMgmt: boolean;
    autonomousBandwidth: boolean;
  };
}

export interface ExpressDevCap2 {
  completionTimeoutRanges: string;
  completionTimeoutDisable: boolean;
  ariForwarding: boolean;
  atomicOpRouting: boolean;
  atomicOp32: boolean;
  atomicOp64: boolean;
  atomicOp128Cas: boolean;
  ltr: boolean;
  tenBitTagCompleter: boolean;
  tenBitTagRequester: boolean;
  obff: number;
  extFmt: boolean;
  eeTlpPrefix: boolean;
}

export interface ExpressDevCtl2 {
  completionTimeoutCode: number;
  /** The range the code selects, as the spec and lspci give it; null for a reserved code. */
  completionTimeout: string | null;
  completionTimeoutDisable: boolean;
  ariForwarding: boolean;
  atomicOpRequester: boolean;
  atomicOpEgressBlocking: boolean;
  idoRequest: boolean;
  idoCompletion: boolean;
  ltr: boolean;
  tenBitTagRequester: boolean;
  obff: number;
}

const PORT_TYPES: Record<number, string> = {
  0x0: 'Endpoint',
  0x1: 'Legacy Endpoint',
  0x4: 'Root Port',
  0x5: 'Upstream Port',
  0x6: 'Downstream Port',
  0x7: 'PCI-Express to PCI/PCI-X Bridge',
  0x8: 'PCI/PCI-X to PCI-Express Bridge',
  0x9: 'Root Complex Integrated Endpoint',
  0xa: 'Root Complex Event Collector',
};

const ASPM: readonly Aspm[] = ['disabled', 'L0s', 'L1', 'L0s L1'];

const COMPLETION_TIMEOUTS: Record<number, string> = {
  0x0: '50us to 50ms',
  0x1: '50us to 100us',
  0x2: '1ms to 10ms',
  0x5: '16ms to 55ms',
  0x6: '65ms to 210ms',
  0x9: '260ms to 900ms',
  0xa: '1s to 3.5s',
  0xd: '4s to 13s',
  0xe: '17s to 64s',
};

const payloadBytes = (code: number): number => 128 << code;

/** Root Complex integrated endpoints and event collectors have no link registers. */
const hasLink = (type: number): boolean => type !== 0x9 && type !== 0xa;

export function decodeExpress(c: ConfigBytes, at: number): ExpressFields {
  const caps = c.u16(at + 2);
  const capVersion = field(caps, 3, 0);
  const portType = field(caps, 7, 4);
  const devCap = c.u32(at + 4);
  const devCtl = c.u16(at + 8);
  const devSta = c.u16(at + 0xa);
  const v2 = capVersion >= 2;
  const link = hasLink(portType) ? decodeLink(c, at) : null;
  return {
    kind: 'express',
    capVersion,
    portType,
    portTypeName: PORT_TYPES[portType] ?? `Unknown type ${portType}`,
    slotImplemented: bit(caps, 8),
    interruptMessage: field(caps, 13, 9),
    devCap: {
      maxPayloadBytes: payloadBytes(field(devCap, 2, 0)),
      phantomFunctions: field(devCap, 4, 3),
      extTag: bit(devCap, 5),
      roleBasedErrorReporting: bit(devCap, 15),
      flr: bit(devCap, 28),
      slotPowerLimitW: field(devCap, 25, 18) / 10 ** field(devCap, 27, 26),
    },
    devCtl: {
      correctableErrors: bit(devCtl, 0),
      nonFatalErrors: bit(devCtl, 1),
      fatalErrors: bit(devCtl, 2),
      unsupportedRequests: bit(devCtl, 3),
      relaxedOrdering: bit(devCtl, 4),
      maxPayloadBytes: payloadBytes(field(devCtl, 7, 5)),
      extTag: bit(devCtl, 8),
      phantomFunctions: bit(devCtl, 9),
      auxPower: bit(devCtl, 10),
      noSnoop: bit(devCtl, 11),
      maxReadRequestBytes: payloadBytes(field(devCtl, 14, 12)),
    },
    devSta: {
      correctableError: bit(devSta, 0),
      nonFatalError: bit(devSta, 1),
      fatalError: bit(devSta, 2),
      unsupportedRequest: bit(devSta, 3),
      auxPower: bit(devSta, 4),
      transactionsPending: bit(devSta, 5),
    },
    link,
    devCap2: v2 ? decodeDevCap2(c.u32(at + 0x24)) : null,
    devCtl2: v2 ? decodeDevCtl2(c.u16(at + 0x28)) : null,
    linkCap2: v2 && link ? { supportedSpeedsGts: supportedSpeedsGts(field(c.u32(at + 0x2c), 7, 1)), crosslink: bit(c.u32(at + 0x2c), 8) } : null,
    linkCtl2: v2 && link ? decodeLinkCtl2(c.u16(at + 0x30)) : null,
  };
}

function decodeLink(c: ConfigBytes, at: number): ExpressLink {
  const cap = c.u32(at + 0xc);
  const ctl = c.u16(at + 0x10);
  const sta = c.u16(at + 0x12);
  return {
    cap: {
      port: field(cap, 31, 24),
      maxSpeedCode: field(cap, 3, 0),
      maxSpeedGts: linkSpeedGts(field(cap, 3, 0)),
      maxWidth: field(cap, 9, 4),
      aspmSupport: ASPM[field(cap, 11, 10)]!,
      clockPm: bit(cap, 18),
      surpriseDownReporting: bit(cap, 19),
      dllActiveReporting: bit(cap, 20),
      bandwidthNotification: bit(cap, 21),
      aspmOptionalityCompliance: bit(cap, 22),
    },
    ctl: {
      aspm: ASPM[field(ctl, 1, 0)]!,
      rcbBytes: bit(ctl, 3) ? 128 : 64,
      linkDisabled: bit(ctl, 4),
      commonClock: bit(ctl, 6),
      extendedSynch: bit(ctl, 7),
      clockPm: bit(ctl, 8),
      autonomousWidthDisable: bit(ctl, 9),
      bandwidthMgmtInterrupt: bit(ctl, 10),
      autonomousBandwidthInterrupt: bit(ctl, 11),
    },
    sta: {
      speedCode: field(sta, 3, 0),
      speedGts: linkSpeedGts(field(sta, 3, 0)),
      width: field(sta, 9, 4),
      trainingError: bit(sta, 10),
      training: bit(sta, 11),
      slotClock: bit(sta, 12),
      dllActive: bit(sta, 13),
      bandwidthMgmt: bit(sta, 14),
      autonomousBandwidth: bit(sta, 15),
    },
  };
}

function decodeDevCap2(v: number): ExpressDevCap2 {
  const ranges = ['A', 'B', 'C', 'D'].filter((_, i) => bit(v, i)).join('');
  return {
    completionTimeoutRanges: ranges === '' ? 'Not Supported' : `Range ${ranges}`,
    completionTimeoutDisable: bit(v, 4),
    ariForwarding: bit(v, 5),
    atomicOpRouting: bit(v, 6),
    atomicOp32: bit(v, 7),
    atomicOp64: bit(v, 8),
    atomicOp128Cas: bit(v, 9),
    ltr: bit(v, 11),
    tenBitTagCompleter: bit(v, 16),
    tenBitTagRequester: bit(v, 17),
    obff: field(v, 19, 18),
    extFmt: bit(v, 20),
    eeTlpPrefix: bit(v, 21),
  };
}

function decodeDevCtl2(v: number): ExpressDevCtl2 {
  const code = field(v, 3, 0);
  return {
    completionTimeoutCode: code,
    completionTimeout: COMPLETION_TIMEOUTS[code] ?? null,
    completionTimeoutDisable: bit(v, 4),
    ariForwarding: bit(v, 5),
    atomicOpRequester: bit(v, 6),
    atomicOpEgressBlocking: bit(v, 7),
    idoRequest: bit(v, 8),
    idoCompletion: bit(v, 9),
    ltr: bit(v, 10),
    tenBitTagRequester: bit(v, 12),
    obff: field(v, 14, 13),
  };
}

function decodeLinkCtl2(v: number): NonNullable<ExpressFields['linkCtl2']> {
  const code = field(v, 3, 0);
  return { targetSpeedCode: code, targetSpeedGts: linkSpeedGts(code), enterCompliance: bit(v, 4), hwAutonomousSpeedDisable: bit(v, 5) };
}
