import type { CorpusKindPart, Provenance } from '../real-corpus/corpus-kind-part.js';

const DRIVERS = ['mlx5_core', 'ice', 'i40e', 'bnxt_en', 'nfp', 'ionic', 'qed', 'mlxsw', 'ixgbe', 'netdevsim'];
const DEVLINK_JSON_SEARCH =
  'searched: the iproute2 history (two commit messages carry -jp outputs: bnxt_en and nfp, both in the corpus), the netdev and intel-wired-lan archives and GitHub issues/code indexed by the project search tools (strings `devlink -jp dev info`, `devlink -j -p dev info` (found the ionic one), `devlink -j dev info`, `devlink dev info --json`, `dev info -j`, `-jp dev info`, `"fw.mgmt":`, `"fw.psid":`, `"fw.psid": "MT_`, `"fw.undi":`, `"fw.app":`, `"fw.bundle_id":`, `"fw.version":`, `"board.id":`, `"asic.id":`, `"versions":{"fixed"`, `"running":{"fw`, `{"info":{"pci/0000:`, `"info": {"pci/`, `"driver": "mlx5_core",`, `"driver": "ice",`, `"driver": "mlxsw_spectrum`, `"driver": "qed"`, `"netdevsim/netdevsim`); the kernel selftests and tools query devlink JSON but publish no output; Go/Python projects that parse devlink JSON (cluster monitors, GPU-cluster preflights, Mellanox/nic-configuration-operator, the SR-IOV and PTP operators, vishvananda/netlink) test on hand-written placeholders (`"fw.psid":"PSID1"`, `"fw.mgmt":"M1"`) or on Go maps, which are not devlink output, so none was taken; searched again later: the issues and pages corpora of the project search tools (`devlink -j dev info` with `fw.mgmt.api`, `fw.bundle_id` and E810; `devlink dev info -j` with mlx5_core and `fw.psid`; kernel.org, Oracle and Arch documentation pages) and `"fw.mgmt.api"` over the indexed netdev and intel-wired-lan archives found only the bnxt_en JSON already taken and the text outputs of Mellanox/nic-configuration-operator issue 496 (ConnectX-8 and BlueField-3, now in the corpus); a third pass: the key fragments as the pretty printer of iproute2 writes them (`"fw.mgmt.api": "` finds only the bnxt_en patch and its replies; `"fw.bundle_id": "`, `"fw.undi": "`, `"board.id": "MT_` find nothing; `"fw.netlist"` and `"fw.psid.api"` find ice, i40e and ixgbe driver sources and patches) and as `-j` writes them (`"fw.psid":"MT_`, `"fw.mgmt.api":"` nothing; `"driver":"mlx5_core"`, `"driver":"ice"` only other tools\' JSON and a Go test double with `"fw.psid":"NVD0000000033"` typed in), vishvananda/netlink pull request 702 and issue 663 (devlink info support, pointing to the kernel\'s ice.rst, no output), fwupd\'s devlink plugin pull requests 9035, 9053 and 10667 (fwupdmgr output, not devlink\'s), sriov-network-device-plugin pull request 399, the Mellanox/mlxsw and mlxsw_resmon repositories (debugging tools, no devlink info output), and testdata of captured devlink JSON in the code corpus (only kernel documentation and driver sources); a fourth pass, on values as the JSON printers write them (`"fw.version": "` and `"fw.version":"` over the code corpus: only a Go GPU-cluster preflight\'s test double with `"fw.psid": "PSID1"` and a network operator\'s Go map), and on Go/Rust parsers\' test data (a Rust devlink text parser\'s test block, written from the kernel\'s mlx5.rst, not captured): none; a fifth pass, on places where captured outputs are kept rather than pasted: metric collectors (Telegraf, netdata, Prometheus exporters) in the code corpus have no devlink info test data, the pages corpus holds no Bugzilla or Launchpad attachment of `devlink dev info -j` (only the kernel\'s devlink-info and ice documentation and a DPDK commit), and the strings `devlink_-j` (a sos report\'s command file name), `"fw.psid": {`, `"fw.mgmt.build": "0x` and `dev info | jq` find nothing; a sixth pass (exporters\' and collectors\' test data and the iproute2 printer\'s key spellings): `"fw.netlist"` finds only ice and ixgbe driver sources and patches, `{"info":{"pci/` only hand-written Go and Python test doubles of a GPU-cluster preflight (`"fw.psid":"NVD0000000033"`, a lone `serial_number`), `"board.id": "` only the bnxt_en iproute2 patch and its quoted replies (one taken as a quoted-JSON form) and a Go test double (`"fw.mgmt": "M1"`), `"health":{"pci/` nothing, and the code corpus holds no Prometheus, Telegraf, netdata or collectd devlink test data; `"param":{"pci/` found recorded mlx5 param JSON of a DGX Spark deployer (taken), but no dev info beside it; a seventh pass (the JSON printers\' nesting and the keys libraries copy): `"fw.psid.api":` finds only Go maps of netlink devlink attributes in an operator\'s tests and parsers (`"fw.psid.api": "2.42"` beside a `serialNumber` key: not devlink\'s JSON), `"serial_number":"` only other tools\' JSON (smartctl, asset agents), `"stored":{"fw` and the pretty printer\'s `"versions": {` / `"fixed": {` nesting nothing, and a code-corpus query for devlink -j dev info test data or fixtures only the kernel\'s ice.rst, ixgbe.rst and devlink-info.rst and the drivers\' sources'

function devlinkKinds(dir: string, p: Provenance): string[] {
  if (dir === 'devlink-param') return ['devlink dev param show'];
  if (dir === 'devlink-health') return ['devlink health show'];
  if (dir === 'devlink-port') return ['devlink port show'];
  if (dir === 'ethtool-i') return ['ethtool -i'];
  if (dir === 'real-ethtool-m') return ['ethtool -m (module EEPROM)'];
  const form = p.form === 'json' ? 'JSON' : 'text';
  const devices = (p.truth?.devices ?? []) as { key?: string; driver?: string }[];
  // The driver line, else the handle (`auxiliary/mlxsw_core.lc.0`); `mlx5_core.eth` and `mlxsw_core` are mlx5_core's and mlxsw's.
  // A grep that kept no driver line: the driver the source names (provenance `family`).
  const named = typeof p.family === 'string' ? p.family : undefined;
  const family = (d: { key?: string; driver?: string }): string => {
    const name = d.driver ?? named ?? d.key?.replace(/^devlink:[^/]+\//, '') ?? 'driver not shown';
    return DRIVERS.find((x) => name === x || name.startsWith(`${x}.`) || name.startsWith(`${x}_`)) ?? name;
  };
  if (devices.length === 0) return [`devlink dev info, ${form} — no device (error only)`];
  return [...new Set(devices.map(family))].map((d) => `devlink dev info, ${form} — ${d}`);
}

export const nicCorpusKinds: CorpusKindPart = {
  klass: 'nic',
  required: [...DRIVERS.flatMap((d) => [`devlink dev info, text — ${d}`, `devlink dev info, JSON — ${d}`]), 'devlink dev param show', 'devlink health show', 'devlink port show', 'ethtool -i'],
  gaps: {
    ...Object.fromEntries(DRIVERS.filter((d) => !['bnxt_en', 'nfp', 'ionic', 'netdevsim'].includes(d)).map((d) => [`devlink dev info, JSON — ${d}`, DEVLINK_JSON_SEARCH])),
  },
  // A modem's devlink output and a refusal with no output are real forms of no listed kind.
  unlisted: [
    'nic/fixtures/real/devlink-dev-info/mlx5-cx7-mt2910-info-unsupported.txt: devlink dev info, text — no device (error only)',
    'nic/fixtures/real/devlink-dev-info/mlx5-cx4-fw-12.18-no-output-echo-status-quoted.txt: devlink dev info, text — no device (error only)',
    'nic/fixtures/real/devlink-dev-info/t7xx-empty-version.txt: devlink dev info, text — mtk_t7xx',
    // Drivers with devlink info beyond the required ten: Intel's IPU (ixd), AMD/Pensando's DSC core (pds_core) and Meta's NIC (fbnic).
    'nic/fixtures/real/devlink-dev-info/ixd-dev-show-then-info.txt: devlink dev info, text — ixd',
    'nic/fixtures/real/devlink-dev-info/pds-core-diff-plus-prefix.txt: devlink dev info, text — pds_core',
    'nic/fixtures/real/devlink-dev-info/pds-core-review-quoted-patch-diff-below.txt: devlink dev info, text — pds_core',
    'nic/fixtures/real/devlink-dev-info/fbnic-dev-info-patch.txt: devlink dev info, text — fbnic',
    // A USB CAN adapter's devlink info (etas_es58x), a usb/ handle.
    'nic/fixtures/real/devlink-dev-info/etas-es58x-usb-bar-quoted.txt: devlink dev info, text — etas_es58x',
    'nic/fixtures/real/devlink-dev-info/kvaser-usb-indented-port-above.txt: devlink dev info, text — kvaser_usb',
    // The OCP TimeCard's PTP clock driver (ptp_ocp), three makers' cards in one output.
    'nic/fixtures/real/devlink-dev-info/ptp-ocp-three-timecards-reply-dash-signature.txt: devlink dev info, text — ptp_ocp',
    // Kvaser's PCIe CAN cards (kvaser_pciefd), three cards of one host.
    'nic/fixtures/real/devlink-dev-info/kvaser-pciefd-three-cards-indented-session.txt: devlink dev info, text — kvaser_pciefd',
    // The plugged module's EEPROM as ethtool -m decodes it: an SFP's and a QSFP28's shape.
    'nic/fixtures/real-ethtool-m/qsfp28-finisar-cwdm4-connectx4.txt: ethtool -m (module EEPROM)',
    'nic/fixtures/real-ethtool-m/sfp-jdsu-cumulus-docs.txt: ethtool -m (module EEPROM)',
  ],
  kinds: devlinkKinds,
};
