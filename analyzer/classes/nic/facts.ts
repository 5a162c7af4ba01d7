import type { ClassFacts, KeyDeclaration } from '../../facts/types.js';
import { DEVLINK_VERSION_NAME } from './devlink.js';
import { COALESCE_FIELDS } from './ethtool.js';

const int = (doc?: string): KeyDeclaration => ({ type: 'integer', ...(doc ? { doc } : {}) });
const ints = (...names: string[]): Record<string, KeyDeclaration> => Object.fromEntries(names.map((n) => [n, int()]));
const bools = (...names: string[]): Record<string, KeyDeclaration> => Object.fromEntries(names.map((n) => [n, { type: 'boolean' } satisfies KeyDeclaration]));

export const nicFacts: ClassFacts = {
  name: 'nic',
  // Its rules read the kernel log (table kernel_log).
  reads: ['kernel-log'],
  doc: 'Network interfaces (ethtool ioctls, sys/class/net) and devlink instances (dev info, params, health).',
  devices: [
    { class: 'net', key: 'net:<ifname>', doc: 'pci_address = drvinfo bus_info when it is a PCI address, else the last BDF of the device link; driver from drvinfo; an `ethtool -i` output naming no interface (`ethtool-i.txt`) is `net:pci/<bus-info>` (`net:bus/<bus-info>` off PCI), the interface unknown (issue NO-INTERFACE)' },
    { class: 'devlink', key: 'devlink:<handle> (devlink:pci/0000:3b:00.0)', doc: 'for pci/<BDF> handles pci_address = parent = the BDF; driver and serial from dev info (serial_number, else board.serial_number); port handles fold into their device' },
  ],
  firmware: [
    { devices: ['net'], component: 'firmware', states: ['running'], scheme: 'guessed', doc: 'drvinfo fw_version verbatim (mlx5 "22.39.1002 (MT_0000000359)", i40e "9.20 0x8000d8c5 1.3429.0")' },
    { devices: ['net'], component: 'erom', states: ['running'], scheme: 'guessed', doc: 'drvinfo erom_version, when not empty' },
    {
      devices: ['devlink'], component: '<version name>', pattern: DEVLINK_VERSION_NAME, states: ['fixed', 'running', 'stored'], scheme: 'guessed',
      doc: 'each devlink dev info version (fw, fw.version, fw.psid, fw.mgmt, fw.mgmt.api, fw.app, fw.undi, board.id…; names are the driver\'s), in the group devlink puts it',
    },
  ],
  settings: [
    {
      namespace: 'sysfs',
      devices: ['net'],
      doc: 'attributes of sys/class/net/<if>/ except uevent and the carrier counters',
      keys: { mtu: { type: 'text', unit: 'bytes' }, operstate: { type: 'text' }, address: { type: 'text' } },
      open: { type: 'text', source: 'attribute names of sys/class/net/<if>/ (speed, duplex, phys_port_name…)', pattern: /^[A-Za-z0-9_.-]+$/ },
    },
    {
      namespace: 'ethtool.drvinfo',
      devices: ['net'],
      doc: 'ETHTOOL_GDRVINFO, or a captured `ethtool -i` (which gives the supports_* flags instead of the counts)',
      keys: {
        driver: { type: 'string' }, version: { type: 'string' }, firmware_version: { type: 'string' }, erom_version: { type: 'string' }, bus_info: { type: 'string' },
        ...ints('n_priv_flags', 'n_stats', 'testinfo_len', 'eedump_len', 'regdump_len'),
        ...bools('supports_statistics', 'supports_test', 'supports_eeprom_access', 'supports_register_dump', 'supports_priv_flags'),
      },
    },
    {
      namespace: 'ethtool.ring', devices: ['net'], doc: 'ETHTOOL_GRINGPARAM',
      keys: ints('rx_max_pending', 'rx_mini_max_pending', 'rx_jumbo_max_pending', 'tx_max_pending', 'rx_pending', 'rx_mini_pending', 'rx_jumbo_pending', 'tx_pending'),
    },
    {
      namespace: 'ethtool.channels', devices: ['net'], doc: 'ETHTOOL_GCHANNELS',
      keys: ints('max_rx', 'max_tx', 'max_other', 'max_combined', 'rx_count', 'tx_count', 'other_count', 'combined_count'),
    },
    { namespace: 'ethtool.coalesce', devices: ['net'], doc: 'ETHTOOL_GCOALESCE: the struct ethtool_coalesce fields by their kernel names', keys: ints(...COALESCE_FIELDS) },
    { namespace: 'ethtool.pause', devices: ['net'], doc: 'ETHTOOL_GPAUSEPARAM', keys: bools('autoneg', 'rx', 'tx') },
    {
      namespace: 'ethtool.fec', devices: ['net'], doc: 'ETHTOOL_GFECPARAM: lists of none, auto, off, rs, baser, llrs',
      keys: { active: { type: 'list' }, configured: { type: 'list' } },
    },
    {
      namespace: 'ethtool.link',
      devices: ['net'],
      doc: 'ETHTOOL_GLINKSETTINGS; link modes as names without prefix/suffix (100000baseCR4_Full, Autoneg, FEC_RS; unknown bits as bit<N>)',
      keys: {
        speed: { type: 'integer', unit: 'Mb/s', doc: 'null when unknown' },
        duplex: { type: 'string', doc: 'half, full, unknown' },
        port: { type: 'string', doc: 'tp, aui, mii, fibre, bnc, da, none, other' },
        autoneg: { type: 'boolean' },
        phy_address: int(),
        mdix: { type: 'string' },
        mdix_ctrl: { type: 'string' },
        supported: { type: 'list' },
        advertising: { type: 'list' },
        lp_advertising: { type: 'list' },
      },
    },
    {
      namespace: 'ethtool.module', devices: ['net'],
      doc: 'the plugged module (SFP, QSFP, QSFP-DD transceiver or cable) as a saved `ethtool -m` decodes its EEPROM; values as printed',
      keys: {
        identifier: { type: 'string', doc: 'the identifier byte and its name: 0x03 (SFP), 0x11 (QSFP28)' },
        connector: { type: 'string', doc: '0x07 (LC), 0x23 (No separable connector)' },
        vendor_name: { type: 'string' }, vendor_oui: { type: 'string' },
        vendor_pn: { type: 'string', doc: 'the module\'s part number' },
        vendor_rev: { type: 'string', doc: 'the module\'s hardware revision (not firmware)' },
        vendor_sn: { type: 'string' }, date_code: { type: 'string' },
        laser_wavelength: { type: 'string', doc: 'as printed: 850nm, 1301.000nm' },
      },
    },
    { namespace: 'ethtool.priv-flags', devices: ['net'], doc: 'private flags (ETHTOOL_GPFLAGS)', open: { type: 'boolean', source: 'the driver\'s private flag names (ETH_SS_PRIV_FLAGS strings)' } },
    { namespace: 'ethtool.features', devices: ['net'], doc: 'features available or active; value = active', open: { type: 'boolean', source: 'ETH_SS_FEATURES names (rx-checksum, tx-tcp-segmentation…)' } },
    {
      namespace: 'ethtool.regs', devices: ['net'], doc: 'register dump header (ETHTOOL_GREGS)',
      keys: { version: { type: 'string', doc: 'the driver\'s dump format, 0x<hex>' }, len: { type: 'integer', unit: 'bytes' } },
    },
    {
      namespace: 'devlink.info', devices: ['devlink'], doc: 'devlink dev info top-level lines',
      keys: { driver: { type: 'string' }, serial_number: { type: 'string' }, 'board.serial_number': { type: 'string' } },
      open: { type: 'string', source: 'other top-level lines devlink printed (function.uid…)' },
    },
    {
      namespace: 'devlink.flash-component', devices: ['devlink'], doc: 'devlink dev info flash_components: the versions a driver can flash one by one; value always true',
      open: { type: 'boolean', source: 'version names listed under flash_components', pattern: DEVLINK_VERSION_NAME },
    },
    {
      namespace: 'devlink.param', devices: ['devlink'], modes: ['runtime', 'driverinit', 'permanent', 'default'],
      doc: 'devlink dev param show: mode = the cmode; a reported default gives a row with mode default',
      open: { type: 'text', source: 'param names (port:<index>/<name> for port params), values typed as devlink printed them' },
    },
    {
      namespace: 'devlink.param-type', devices: ['devlink'], doc: 'whether a param is generic or driver-specific',
      open: { type: 'string', source: 'param names, as in devlink.param' },
    },
    {
      namespace: 'devlink.health', devices: ['devlink'],
      doc: 'devlink health show: <reporter>.<attr> (port:<index>/<reporter>.<attr> for port reporters)',
      open: { type: 'text', source: 'reporter names, with attr state, error, recover, last_dump, grace_period_ms, auto_recover, auto_dump and any other attribute', pattern: /\.[A-Za-z0-9_]+$/ },
    },
    {
      namespace: 'devlink.port', devices: ['devlink'],
      doc: 'devlink port show: port:<index>/<attr> as printed (type, netdev, ibdev, flavour, port, controller, pfnum, vfnum, sfnum, external, splittable, lanes, split_group…), port:<index>/function.<attr> for the port function (hw_addr, state, opstate, roce…), port:<index>/stats.<counter> under -s',
      open: { type: 'text', source: 'port indexes and the attributes devlink printed for each', pattern: /^port:\d+\/[A-Za-z0-9_.]+$/ },
    },
  ],
  registers: [
    { space: 'ethtool-regs:v0x*', devices: ['net'], doc: 'one row per 32-bit word of the ethtool register dump (offset = byte offset in the dump), up to 65 536 words' },
  ],
};
