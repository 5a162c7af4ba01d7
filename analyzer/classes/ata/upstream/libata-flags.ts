import type { Condition, Severity } from '../../../rules/types.js';

/**
 * What each libata quirk flag means for a drive, in our words, and what a bundle shows when the protection
 * the flag stands for is not in effect (an older kernel without the entry, or a libata.force override).
 * A flag with a `when` fires only when the bundle shows the risky state; one without reports the match.
 */
export interface LibataFlag {
  /** The kernel's short name (ata_quirk_names[]), as it prints it when applying quirks. */
  name: string;
  severity: Severity;
  /** What the kernel does for a matching drive. */
  effect: string;
  /** Why: the drive's defect, in a phrase. */
  problem: string;
  remediation: string;
  when?: Condition[];
  /** The host controller must be this PCI vendor (the _ON_ATI flags). */
  hostVendor?: number;
  /** Settings that make `when` hold, and ones that make it fail, for the generated tests. */
  firing?: TestSetting[];
  quiet?: TestSetting[];
}

export interface TestSetting {
  namespace: string;
  key: string;
  value: string | number;
}

const LPM_SAVING = ['medium_power', 'med_power_with_dipm', 'min_power_with_partial', 'min_power'];
const lpmOn: Condition = { setting: { namespace: 'ata', key: 'lpm_policy', in: LPM_SAVING } };
const LPM_FIRING: TestSetting[] = [{ namespace: 'ata', key: 'lpm_policy', value: 'med_power_with_dipm' }];
const LPM_QUIET: TestSetting[] = [{ namespace: 'ata', key: 'lpm_policy', value: 'max_performance' }];
const UPDATE = 'Check the drive vendor for a firmware update that fixes the defect.';

export const LIBATA_FLAGS: Record<string, LibataFlag> = {
  DIAGNOSTIC: { name: 'diagnostic', severity: 'info', effect: 'ignores the drive\'s failed power-on self-diagnostic', problem: 'the drive reports a failed boot diagnostic although it works', remediation: 'Nothing to do while the drive works; replace it if it shows real errors.' },
  NODMA: {
    name: 'nodma', severity: 'medium', effect: 'never uses DMA with the drive (PIO only)', problem: 'DMA transfers with this drive fail or corrupt data',
    remediation: 'Use a kernel that carries the entry, or boot with libata.force=<port>:nodma; move data off the drive if DMA errors were logged.',
    when: [{ setting: { namespace: 'sysfs', key: 'xfer_mode', glob: 'XFER_*DMA*' } }],
    firing: [{ namespace: 'sysfs', key: 'xfer_mode', value: 'XFER_UDMA_5' }], quiet: [{ namespace: 'sysfs', key: 'xfer_mode', value: 'XFER_PIO_4' }],
  },
  NONCQ: { name: 'noncq', severity: 'low', effect: 'runs the drive without native command queuing (queue depth 1)', problem: 'NCQ is broken or slow in this drive or firmware', remediation: `${UPDATE} Do not force NCQ on (libata.force=ncq).` },
  BROKEN_HPA: { name: 'brokenhpa', severity: 'info', effect: 'does not read or unlock the host protected area', problem: 'the drive fails READ NATIVE MAX or I/O to the unlocked area', remediation: 'Do not unlock the HPA (libata.ignore_hpa) on this drive.' },
  DISABLE: { name: 'disable', severity: 'medium', effect: 'disables the device', problem: 'the device is a controller or port-multiplier pseudo-disk that must not be used', remediation: 'Nothing to do: the kernel ignores the device on purpose.' },
  HPA_SIZE: { name: 'hpasize', severity: 'info', effect: 'corrects the native size the drive reports by one sector', problem: 'the drive reports its native size one sector off', remediation: 'Nothing to do.' },
  IVB: { name: 'ivb', severity: 'info', effect: 'ignores the drive\'s cable-detection validity bit', problem: 'the drive reports the 80-wire cable detection bit wrongly', remediation: 'Nothing to do.' },
  STUCK_ERR: { name: 'stuckerr', severity: 'info', effect: 'clears an error bit the drive leaves set after a packet command', problem: 'the drive keeps ERR set on the next PACKET command', remediation: 'Nothing to do.' },
  BRIDGE_OK: { name: 'bridgeok', severity: 'info', effect: 'does not apply the SATA bridge transfer limits', problem: 'the drive sits behind a bridge that needs no limit', remediation: 'Nothing to do.' },
  ATAPI_MOD16_DMA: { name: 'atapimod16dma', severity: 'info', effect: 'uses ATAPI DMA only for transfers that are multiples of 16 bytes', problem: 'the drive mishandles other DMA transfer sizes', remediation: 'Nothing to do.' },
  FIRMWARE_WARN: {
    name: 'firmwarewarn', severity: 'high', effect: 'warns at boot that the firmware needs an update', problem: 'this firmware has a known defect (for the Seagate entries: it can stop answering and lose access to data)',
    remediation: 'Update the drive firmware to the vendor\'s fixed release now, after backing up the data.',
  },
  '1_5_GBPS': {
    name: '1.5gbps', severity: 'low', effect: 'limits the link to 1.5 Gbps', problem: 'the drive is unstable at higher link speeds',
    remediation: 'Use a kernel that carries the entry, or boot with libata.force=<port>:1.5Gbps.',
    when: [{ setting: { namespace: 'sysfs', key: 'link/sata_spd', in: ['3.0 Gbps', '6.0 Gbps'] } }],
    firing: [{ namespace: 'sysfs', key: 'link/sata_spd', value: '3.0 Gbps' }], quiet: [{ namespace: 'sysfs', key: 'link/sata_spd', value: '1.5 Gbps' }],
  },
  NOSETXFER: { name: 'nosetxfer', severity: 'info', effect: 'skips SET FEATURES - XFER MODE on SATA', problem: 'the drive chokes on SETXFER', remediation: 'Nothing to do.' },
  BROKEN_FPDMA_AA: { name: 'brokenfpdmaaa', severity: 'low', effect: 'does not enable FPDMA auto-activation', problem: 'the drive fails (some freeze) with FPDMA auto-activate', remediation: `${UPDATE} Use a kernel that carries the entry.` },
  DUMP_ID: { name: 'dumpid', severity: 'info', effect: 'dumps the IDENTIFY data to the kernel log', problem: 'the drive is under investigation upstream', remediation: 'Nothing to do.' },
  MAX_SEC_LBA48: { name: 'maxseclba48', severity: 'info', effect: 'limits LBA48 commands to 65,535 sectors', problem: 'the drive fails larger transfers', remediation: 'Nothing to do.' },
  ATAPI_DMADIR: { name: 'atapidmadir', severity: 'info', effect: 'sets the DMADIR bit for ATAPI DMA', problem: 'the bridge or drive needs DMADIR', remediation: 'Nothing to do.' },
  NO_NCQ_TRIM: {
    name: 'noncqtrim', severity: 'high', effect: 'never sends queued TRIM to the drive', problem: 'queued TRIM corrupts data or hangs the drive',
    remediation: 'Update to a kernel that carries the entry, or boot with libata.force=<port>:noncqtrim; check filesystems on the drive.',
    when: [{ setting: { namespace: 'ata', key: 'trim_mode', eq: 'queued' } }],
    firing: [{ namespace: 'ata', key: 'trim_mode', value: 'queued' }], quiet: [{ namespace: 'ata', key: 'trim_mode', value: 'unqueued' }],
  },
  NOLPM: {
    name: 'nolpm', severity: 'medium', effect: 'keeps link power management off', problem: 'the drive drops off the link or times out with LPM',
    remediation: 'Set the host\'s link_power_management_policy to max_performance for this port, or use a kernel that carries the entry.',
    when: [lpmOn], firing: LPM_FIRING, quiet: LPM_QUIET,
  },
  WD_BROKEN_LPM: {
    name: 'wdbrokenlpm', severity: 'medium', effect: 'keeps link power management off when the drive is SATA 1.5 Gbps only', problem: 'these SATA-I drives spin up and down erratically with LPM',
    remediation: 'Set the host\'s link_power_management_policy to max_performance for this port.',
    when: [{ setting: { namespace: 'ata', key: 'sata_max_gen', eq: 1 } }, lpmOn],
    firing: [{ namespace: 'ata', key: 'sata_max_gen', value: 1 }, ...LPM_FIRING], quiet: [{ namespace: 'ata', key: 'sata_max_gen', value: 1 }, ...LPM_QUIET],
  },
  ZERO_AFTER_TRIM: { name: 'zeroaftertrim', severity: 'info', effect: 'trusts the drive to read zeroes after TRIM', problem: 'the drive is known to return zeroes for trimmed blocks', remediation: 'Nothing to do.' },
  NO_DMA_LOG: { name: 'nodmalog', severity: 'info', effect: 'reads logs without DMA', problem: 'READ LOG DMA EXT fails on the drive', remediation: 'Nothing to do.' },
  NOTRIM: {
    name: 'notrim', severity: 'high', effect: 'never sends TRIM to the drive', problem: 'TRIM hangs the drive or destroys data',
    remediation: 'Stop discards on the drive (no discard mount option, disable fstrim.timer for it) and update to a kernel that carries the entry.',
    when: [{ setting: { namespace: 'ata', key: 'trim_mode', in: ['queued', 'unqueued', 'forced_unqueued'] } }],
    firing: [{ namespace: 'ata', key: 'trim_mode', value: 'unqueued' }], quiet: [{ namespace: 'ata', key: 'trim_mode', value: 'forced_unsupported' }],
  },
  MAX_SEC: { name: 'maxsec', severity: 'info', effect: 'limits the sectors per command', problem: 'the drive corrupts data or times out with larger transfers', remediation: 'Do not raise max_sectors_kb for the drive.' },
  MAX_TRIM_128M: { name: 'maxtrim128m', severity: 'info', effect: 'limits one TRIM to 128 MiB', problem: 'the drive locks up on large TRIM ranges', remediation: 'Nothing to do.' },
  NO_NCQ_ON_ATI: { name: 'noncqonati', severity: 'low', effect: 'runs the drive without NCQ behind an ATI/AMD SATA controller', problem: 'NCQ fails with this drive on ATI chipsets', remediation: 'Use a kernel that carries the entry.', hostVendor: 0x1002 },
  NO_LPM_ON_ATI: {
    name: 'nolpmonati', severity: 'medium', effect: 'keeps link power management off behind an ATI/AMD SATA controller', problem: 'the drive drops off the link with LPM on ATI chipsets',
    remediation: 'Set the host\'s link_power_management_policy to max_performance for this port.', hostVendor: 0x1002,
    when: [lpmOn], firing: LPM_FIRING, quiet: LPM_QUIET,
  },
  NO_ID_DEV_LOG: { name: 'noiddevlog', severity: 'info', effect: 'does not read the Identify Device log', problem: 'the drive lacks it although it claims it', remediation: 'Nothing to do.' },
  NO_LOG_DIR: { name: 'nologdir', severity: 'info', effect: 'does not read the log directory', problem: 'the drive goes unresponsive when the log directory is read', remediation: 'Nothing to do.' },
  NO_FUA: { name: 'nofua', severity: 'info', effect: 'never uses Force Unit Access writes', problem: 'FUA writes are broken in the drive', remediation: 'Do not enable libata.fua for this drive.' },
};
