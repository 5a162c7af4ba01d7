import { bit, bitSet, field, type BitSet, type ConfigBytes } from './pci-config-bytes.js';

/** Advanced Error Reporting (extended id 0x01). Bit names are lspci's. */
export interface AerFields {
  kind: 'aer';
  uncorrectableStatus: BitSet;
  uncorrectableMask: BitSet;
  /** Set bits are reported as fatal, clear ones as non-fatal. */
  uncorrectableSeverity: BitSet;
  correctableStatus: BitSet;
  correctableMask: BitSet;
  firstErrorPointer: number;
  capabilities: BitSet;
  headerLog: number[];
}

/** Single Root I/O Virtualization (extended id 0x10). */
export interface SriovFields {
  kind: 'sriov';
  capabilities: BitSet;
  interruptMessage: number;
  control: BitSet;
  initialVfs: number;
  totalVfs: number;
  numVfs: number;
  functionDependencyLink: number;
  vfOffset: number;
  vfStride: number;
  vfDeviceId: number;
  supportedPageSizes: number;
  systemPageSize: number;
}

/** Access Control Services (extended id 0x0d). */
export interface AcsFields {
  kind: 'acs';
  capabilities: BitSet;
  control: BitSet;
  egressControlVectorSize: number;
}

/** Address Translation Service (extended id 0x0f). */
export interface AtsFields {
  kind: 'ats';
  /** The device's invalidate queue depth; the register's 0 means 32. */
  invalidateQueueDepth: number;
  pageAlignedRequest: boolean;
  globalInvalidate: boolean;
  enable: boolean;
  smallestTranslationUnit: number;
}

/** Process Address Space ID (extended id 0x1b). */
export interface PasidFields {
  kind: 'pasid';
  execSupported: boolean;
  privilegedSupported: boolean;
  maxPasidWidth: number;
  enable: boolean;
  execEnabled: boolean;
  privilegedEnabled: boolean;
}

/** Alternative Routing-ID Interpretation (extended id 0x0e). */
export interface AriFields {
  kind: 'ari';
  nextFunction: number;
}

/** Device Serial Number (extended id 0x03), as lspci prints it: 8 bytes, most significant first. */
export interface DsnFields {
  kind: 'dsn';
  serial: string;
}

export const UNCORRECTABLE = [
  [4, 'DLP'], [5, 'SDES'], [12, 'TLP'], [13, 'FCP'], [14, 'CmpltTO'], [15, 'CmpltAbrt'], [16, 'UnxCmplt'], [17, 'RxOF'],
  [18, 'MalfTLP'], [19, 'ECRC'], [20, 'UnsupReq'], [21, 'ACSViol'], [22, 'UncorrIntErr'], [23, 'BlockedTLP'],
  [24, 'AtomicOpBlocked'], [25, 'TLPBlockedErr'], [26, 'PoisonTLPBlocked'],
] as const;
export const CORRECTABLE = [[0, 'RxErr'], [6, 'BadTLP'], [7, 'BadDLLP'], [8, 'Rollover'], [12, 'Timeout'], [13, 'AdvNonFatalErr'], [14, 'CorrIntErr'], [15, 'HeaderOF']] as const;
export const AER_CAPS = [
  [5, 'ECRCGenCap'], [6, 'ECRCGenEn'], [7, 'ECRCChkCap'], [8, 'ECRCChkEn'], [9, 'MultHdrRecCap'], [10, 'MultHdrRecEn'], [11, 'TLPPfxPres'], [12, 'HdrLogCap'],
] as const;
export const ACS_BITS = [[0, 'SrcValid'], [1, 'TransBlk'], [2, 'ReqRedir'], [3, 'CmpltRedir'], [4, 'UpstreamFwd'], [5, 'EgressCtrl'], [6, 'DirectTrans']] as const;
export const SRIOV_CAPS = [[0, 'Migration'], [1, 'ARIHierarchyPreserved'], [2, '10BitTagReq']] as const;
export const SRIOV_CTL = [[0, 'Enable'], [1, 'Migration'], [2, 'Interrupt'], [3, 'MSE'], [4, 'ARIHierarchy'], [5, '10BitTagReq']] as const;

export function decodeAer(c: ConfigBytes, at: number): AerFields {
  const capCtl = c.u32(at + 0x18);
  return {
    kind: 'aer',
    uncorrectableStatus: bitSet(c.u32(at + 4), UNCORRECTABLE),
    uncorrectableMask: bitSet(c.u32(at + 8), UNCORRECTABLE),
    uncorrectableSeverity: bitSet(c.u32(at + 0xc), UNCORRECTABLE),
    correctableStatus: bitSet(c.u32(at + 0x10), CORRECTABLE),
    correctableMask: bitSet(c.u32(at + 0x14), CORRECTABLE),
    firstErrorPointer: field(capCtl, 4, 0),
    capabilities: bitSet(capCtl, AER_CAPS),
    headerLog: [0x1c, 0x20, 0x24, 0x28].map((o) => c.u32(at + o)),
  };
}

export function decodeSriov(c: ConfigBytes, at: number): SriovFields {
  const cap = c.u32(at + 4);
  return {
    kind: 'sriov',
    capabilities: bitSet(cap, SRIOV_CAPS),
    interruptMessage: field(cap, 31, 21),
    control: bitSet(c.u16(at + 8), SRIOV_CTL),
    initialVfs: c.u16(at + 0xc),
    totalVfs: c.u16(at + 0xe),
    numVfs: c.u16(at + 0x10),
    functionDependencyLink: c.u8(at + 0x12),
    vfOffset: c.u16(at + 0x14),
    vfStride: c.u16(at + 0x16),
    vfDeviceId: c.u16(at + 0x1a),
    supportedPageSizes: c.u32(at + 0x1c),
    systemPageSize: c.u32(at + 0x20),
  };
}

export function decodeAcs(c: ConfigBytes, at: number): AcsFields {
  const cap = c.u16(at + 4);
  return { kind: 'acs', capabilities: bitSet(cap, ACS_BITS), control: bitSet(c.u16(at + 6), ACS_BITS), egressControlVectorSize: field(cap, 15, 8) };
}

export function decodeAts(c: ConfigBytes, at: number): AtsFields {
  const cap = c.u16(at + 4);
  const ctl = c.u16(at + 6);
  const depth = field(cap, 4, 0);
  return {
    kind: 'ats',
    invalidateQueueDepth: depth === 0 ? 32 : depth,
    pageAlignedRequest: bit(cap, 5),
    globalInvalidate: bit(cap, 6),
    enable: bit(ctl, 15),
    smallestTranslationUnit: field(ctl, 4, 0),
  };
}

export function decodePasid(c: ConfigBytes, at: number): PasidFields {
  const cap = c.u16(at + 4);
  const ctl = c.u16(at + 6);
  return {
    kind: 'pasid',
    execSupported: bit(cap, 1),
    privilegedSupported: bit(cap, 2),
    maxPasidWidth: field(cap, 12, 8),
    enable: bit(ctl, 0),
    execEnabled: bit(ctl, 1),
    privilegedEnabled: bit(ctl, 2),
  };
}

export function decodeAri(c: ConfigBytes, at: number): AriFields {
  return { kind: 'ari', nextFunction: field(c.u16(at + 4), 15, 8) };
}

export function decodeDsn(c: ConfigBytes, at: number): DsnFields {
  const lo = c.u32(at + 4);
  const hi = c.u32(at + 8);
  const bytes = [hi >>> 24, (hi >>> 16) & 0xff, (hi >>> 8) & 0xff, hi & 0xff, lo >>> 24, (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff];
  return { kind: 'dsn', serial: bytes.map((b) => b.toString(16).padStart(2, '0')).join('-') };
}
