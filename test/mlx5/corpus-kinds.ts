import { familiesOfMajor, fwMajor } from '../../analyzer/classes/mlx5/families.js';
import { asString, type CorpusKindPart, type Provenance } from '../real-corpus/corpus-kind-part.js';

/** Firmware majors a person reads off a flint query, grouped as the issue names the families. */
const FLINT_FAMILIES: [string, number[]][] = [
  ['ConnectX-3 (FS2)', [2]],
  ['ConnectX-4', [12, 14]],
  ['ConnectX-5', [16]],
  ['ConnectX-6', [20, 22, 26]],
  ['ConnectX-7', [28]],
  ['ConnectX-8', [40]],
  ['BlueField', [18, 24, 32]],
  // Switch ASICs, queried on the switch or in band by LID (mstflint fw_version.cpp: 13 Spectrum, 15 Switch-IB 2, 27 Quantum,
  // 29/30 Spectrum-2/3, 31 Quantum-2, 34 Spectrum-4, 35 Quantum-3; 11 Switch-IB).
  ['switch (Switch-IB, Spectrum, Quantum)', [11, 13, 15, 27, 29, 30, 31, 34, 35]],
];
/** mlxfwmanager --query (NVIDIA MFT), mlxup --query (the online updater), mstfwmanager --query (mstflint): the query most ConnectX tickets paste. */
const FWMANAGER_FORMS = ['firmware manager query (mlxfwmanager/mlxup/mstfwmanager) — text', 'firmware manager query (mlxfwmanager/mlxup/mstfwmanager) — --query-format XML'];
/** mlxfwreset/mstfwreset query: the reset levels, types and sync owners a device supports. */
const FWRESET_KIND = 'mlxfwreset/mstfwreset query (reset levels, types, sync)';
/** mlxfwreset/mstfwreset reset: the level it took and whether the firmware on the flash was loaded. */
const RESET_RUN_KIND = 'mlxfwreset/mstfwreset reset run';
/** mlxconfig/mstconfig reset: whether the NV configuration goes back to its defaults at the next boot. */
const CONFIG_RESET_KIND = 'mstconfig/mlxconfig reset';
/** flint drom: whether the expansion ROM left the flash. */
const ROM_REMOVAL_KIND = 'flint/mstflint drom (ROM removal)';
/** mlxlink/mstlink: a port's link state, troubleshooting advice and (with -m) module, as saved by hand. */
const MLXLINK_KIND = 'mlxlink/mstlink port report';
/** mst status: which PCI function each mst device node reaches. */
const MST_STATUS_KIND = 'mst status (mst nodes and their PCI functions)';
const MSTCONFIG_LAYOUTS = ['1 column (q: Next Boot)', '2 columns (set preview: Next Boot, New)', '3 columns (-e q: Default, Current, Next Boot)', '4 columns (-e set preview: Default, Current, Next Boot, New)'];
function flintKind(p: Provenance): string {
  const t = p.truth ?? {};
  const major = fwMajor(asString(t.fw_version) || asString(t.fw_running));
  const family = FLINT_FAMILIES.find(([, majors]) => major !== undefined && majors.includes(major));
  if (family) return `flint/mstflint query — ${family[0]}`;
  return `flint/mstflint query — firmware ${major ?? 'unknown'}.x (${major === undefined ? 'no version' : familiesOfMajor(major).join('/') || 'no ConnectX or BlueField family'})`;
}

/** mlxconfig -e where the firmware reads no current values: two columns, Default and Next Boot. */
const NO_CURRENT_KIND = 'mstconfig/mlxconfig — 2 columns (-e q without Current: Default, Next Boot)';

/** mlxconfig `i` (show_confs): the parameters a device may support, with descriptions and no value. */
const LISTING_KIND = 'mstconfig/mlxconfig i — parameter listing (show_confs)';

function mstconfigKind(p: Provenance): string {
  if (p.truth?.listing === true) return LISTING_KIND;
  const cols = new Set<string>();
  for (const d of (p.truth?.devices ?? []) as { params?: Record<string, Record<string, string>> }[]) {
    for (const v of Object.values(d.params ?? {})) for (const c of Object.keys(v)) cols.add(c);
  }
  if (cols.size === 0) return 'mstconfig/mlxconfig — no parameter shown (header or error only)';
  // -e on firmware that reads no current values (ConnectX-3 Pro): Default and Next Boot.
  if (cols.size === 2 && cols.has('default') && cols.has('next_boot')) return NO_CURRENT_KIND;
  const n = cols.size;
  const layout = MSTCONFIG_LAYOUTS[n - 1];
  return `mstconfig/mlxconfig — ${layout ?? `${n} columns`}`;
}

export const mlx5CorpusKinds: CorpusKindPart = {
  klass: 'mlx5',
  required: [...FLINT_FAMILIES.map(([f]) => `flint/mstflint query — ${f}`), ...MSTCONFIG_LAYOUTS.map((l) => `mstconfig/mlxconfig — ${l}`), ...FWMANAGER_FORMS, FWRESET_KIND, LISTING_KIND],
  gaps: {
    'flint/mstflint query — ConnectX-8':
      'searched: Mellanox/mstflint issues and pull requests (the ConnectX-8 ones show no query output), Mellanox/nic-configuration-operator (tests use placeholders; pull request 461 logs a ConnectX-8 C8180 at 40.50.0426, PSID MT_0000001172, as the operator read it from devlink, not a flint query), NVIDIA forum and docs pages, GitHub code for `FW Version:            40.`, `FW Version: 40.`, `Product Version:       40.`, `Image type:            FS5`, `mt4131_pciconf`, `ConnectX8` (build logs name 40.x versions and PSIDs but paste no query); searched again later: the issues corpus (mstflint pull requests 934, 1074, 1075 and 1180 to 1183 change flint query for ConnectX-8 and paste no output; nic-configuration-operator issue 496 holds a ConnectX-8 devlink output, now in the corpus, and says flint fails on the HGX B300 ConnectX-7 functions), the pages corpus (the ConnectX-8 SuperNIC manual, MFT flint pages, the NVIDIA developer forum), the strings `PSID:                  NVD`, `PSID:                  MT_00000011` and `FW Version:            40.4`, and a public B300 field report whose flint files are empty because flint was not installed; a third pass: the strings `MT_000000117` (ConnectX-8 PSIDs: nothing) and `C8180`, the pages of the ConnectX-8 SuperNIC user manual (introduction, supported interfaces), the ConnectX-8 OCP 3.0 manual, Lenovo\'s ThinkSystem ConnectX-8 8240 product guide, MFT and mstflint burning and query pages, NVIDIA developer forum flint threads (ConnectX-4 Lx and ConnectX-6 Dx queries only), and mstflint pull requests 1074/1075 (hw query), 1293/1301 (GB200) and 1599/1712 (BlueField-4): none pastes a ConnectX-8 query; a fourth pass, on vendor manuals in the pages corpus (MFT 4.29 to 4.34 flint, secure-firmware-update and secure-host pages: their query examples are ConnectX-4 at 12.19.2278), finds none; a fifth pass, on firmware-image names and a ConnectX-8 PSID (`fw-ConnectX8-rel` over the code corpus: burn scripts that grep the query for the PSID, BMC update flows, a firmware-image parser\'s notes naming MT_0000001222 and FS5, none with a query; `MT_0000001222`: a ConnectX-8 C8240 in a desktop host whose mlxconfig query, now in the corpus, and a benchmark report are published, but no flint query), finds none; a sixth pass (the code corpus for `FW Version:            40.`, the issues corpus for ConnectX-8 flint query output: mstflint pull requests 992/993, 1074/1075, 1180/1181, 1183 and 1275 name ConnectX-8 and paste none) finds none; a seventh pass (the code corpus for `PSID:                  MT_00000012` (ConnectX-7 MT_0000001244 queries only, already in the corpus), `Device type:        ConnectX8` (nothing), `Device Type:      ConnectX8` (a comment in a GB300 check script, no output) and `flint -d /dev/mst/mt4131_pciconf0` (GB300 checklists that grep FW Version without printing it, a cheat sheet, and a ConnectX-8 burn log of 40.45.3582 → 40.45.3588 that runs no query); the pages corpus for ConnectX-8 SuperNIC flint output (the introduction of the SuperNIC manual, MFT burning pages); the issues corpus for B3240 / BlueField-3 SuperNIC mlxconfig output (nic-configuration-operator issues and pull requests, none with a ConnectX-8 query)) finds none; an eighth pass (the code corpus for `FW Version:            40.` and `FW Version:            32.` (only Go test doubles of a BlueField-3 inventory collector, `FW Release Date: 9/5/2024`, not flint\'s print), `Part Number:           900-9D3` (nothing); the issues corpus for ConnectX-8 flint query output (mstflint pull requests 992/993, 1074/1075/1078, 1180/1181 and 1275 again, none with output); the pages corpus for BlueField-3 q full (BlueField BSP and BMC deployment pages, no query)) finds none',
    'mstconfig/mlxconfig — 4 columns (-e set preview: Default, Current, Next Boot, New)':
      'searched: GitHub code, issues and docs pages for `Current         Next Boot       New`, `Default         Next Boot       New`, `Next Boot            New`, `Current              Next Boot`, `Next Boot       New` (ten set previews, every one two columns), `mlxconfig -e -d` (scripts that grep the -e query), `mlxconfig -e set`; mstflint mlxcfg_ui.cpp (printConfHeader) prints four columns only for set with -e, and no published output of it was found (searched again later in the issues and pages corpora: every set preview found, mstflint issue 551 among them, has the two columns Next Boot and New); the parser reads the form (test/mlx5/mstconfig.test.ts); a third pass: `Next Boot       New` over the code corpus (ten set previews again, all two columns), the issues corpus for `mlxconfig -e` set output (mstflint pull requests 607, 1393 — the 4.34 mlxconfig with set-with-default — and 1565: none prints a preview) and the pages corpus for a set preview with Default and Current columns; a fourth pass, on the header as mlxconfig prints it for -e (`Default         Current         Next Boot` over the code corpus: -e queries only, among them a GID-routing note and an HPE Slingshot guide, now in the corpus, and a network operator\'s Go test doubles), finds no set preview with -e; a fifth pass (`Current         Next Boot       New` over the code corpus: nothing; `Apply new Configuration? (y/n) [n] :` over the code corpus: ten set previews, every one two columns) finds none; a sixth pass (`Current         Next Boot       New` over the code corpus again: nothing; `Apply new Configuration? (y/n) [n] : y`: ten set previews, all two columns, one of them (the ib-sriov-cni README) new to the corpus; `SuperNIC; 800`: nothing) finds none; a seventh pass (the code corpus for `Current         Next Boot       New`, `Current             Next Boot           New`, `mlxconfig -y -e -d`, `mlxconfig -e -y -d` (nothing) and `mstconfig -e -d` (scripts that parse the three -e columns of a query, a BlueField-2 mode check, a NixOS check of a ConnectX-5 profile: no set preview); the issues corpus for an -e set preview (nothing)) finds none; an eighth pass (the code corpus for `Default         Current         Next Boot` (three-column queries and test doubles; a DGX B200 write-up\'s grep of one starred row, now in the corpus) and `Apply new Configuration? (y/n) [n] : y` (two-column previews only, all in the corpus)) finds none; the closest real forms are the three-column -e queries and the two-column set previews of the corpus',
  },
  // Header-only mstconfig excerpts and a Connect-IB's flint query are real forms of no listed kind.
  unlisted: [
    'mlx5/fixtures/real/mstconfig/cx3-next-boot-query-error.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstconfig/cx4lx-header-only-openshift-issue48.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstflint/connectib-pending-two-line-excerpt.txt: flint/mstflint query — firmware 10.x (Connect-IB)',
    'mlx5/fixtures/real/mstflint/connectib-guid1-guid2-orig-mstflint-manual.txt: flint/mstflint query — firmware 10.x (Connect-IB)',
    // Queries that failed (`-E- Cannot open Device`, `-E- Unsupported device`) and a PSID grep: no version, no parameter.
    'mlx5/fixtures/real/mstflint/cx3-ethonly-psid-grep-collapsed-blog.txt: flint/mstflint query — firmware unknown.x (no version)',
    'mlx5/fixtures/real/mstflint/switchib-hpe-in-band-mst-lid-grep-psid-ibswinfo-issue5.txt: flint/mstflint query — firmware unknown.x (no version)',
    'mlx5/fixtures/real/mstflint/infinihost-cannot-open-power9-issue20.txt: flint/mstflint query — firmware unknown.x (no version)',
    'mlx5/fixtures/real/mstflint/infinihost-lx-cannot-open-two-runs-issue921.txt: flint/mstflint query — firmware unknown.x (no version)',
    'mlx5/fixtures/real/mstflint/cx2-ibm-insmod-cr-error-issue737.txt: flint/mstflint query — firmware unknown.x (no version)',
    'mlx5/fixtures/real/mstconfig/bf2-mlxconfig-nv-access-error-issue1191.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstconfig/cx-mstconfig-lockdown-semaphore-issue416.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstconfig/cx2-mstconfig-e-unsupported-issue4.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstconfig/cx6dx-dell-set-unknown-parameter-5t5g-issue3.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    // -e on a ConnectX-3 Pro whose firmware reads no current values: Default and Next Boot only.
    'mlx5/fixtures/real/mstconfig/cx3pro-e-query-default-next-boot-sysfs-cut-ja.txt: mstconfig/mlxconfig — 2 columns (-e q without Current: Default, Next Boot)',
    'mlx5/fixtures/real/mstconfig/cx3-mst-status-then-query-error.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstconfig/cx3-mstconfig-grep-device-sysfs-issue590.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstconfig/cx3-mstconfig-unsupported-device-issue590.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstconfig/cx4lx-xca-header-only-optiplex-jp.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    // A set preview cut down to its answer (`...` for the table): the tool's closing lines only.
    'mlx5/fixtures/real/mstconfig/cx4-set-preview-elided-to-answer-ib-sriov-cni.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstconfig/cx6dx-query-head-8-header-only-zh.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    // A health-check script's grep of the header fields and the Configurations heading, under its own banner.
    'mlx5/fixtures/real/mstconfig/cx7-header-grep-echoed-device-health-check-aws.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstconfig/cx7-header-grep-banner-lab-execution-aws.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    // The SR-IOV operator's logged runs that failed to open the device, and mstflint 4.19's header-only query of a ConnectX-6 Lx.
    'mlx5/fixtures/real/mstconfig/cx4lx-e-query-failed-to-open-klog-openshift-sriov-issue696.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstconfig/cx6lx-e-query-failed-to-open-klog-bold-sriov-op-issue317.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstconfig/cx6lx-mstflint419-header-only-sriov-op-pr358.txt: mstconfig/mlxconfig — no parameter shown (header or error only)',
    'mlx5/fixtures/real/mstflint/cx3-mstflint433-version-then-segfault.txt: flint/mstflint query — firmware unknown.x (no version)',
    'mlx5/fixtures/real/mstflint/cx3-mstflint435-crspace-fatal-cannot-open.txt: flint/mstflint query — firmware unknown.x (no version)',
    // A burn of a switch's clock board component: no firmware version of the device.
    'mlx5/fixtures/real/mstflint/sn5400-synce-clock-component-burn-cumulus-doc.txt: flint/mstflint query — firmware unknown.x (no version)',
    // mlxconfig resets: a real form the issue does not list.
    'mlx5/fixtures/real/mstconfig-reset/cx3pro-hp544-reset-winmft-prompt-zh.txt: mstconfig/mlxconfig reset',
    // flint ROM removals: a real form the issue does not list.
    'mlx5/fixtures/real/flint-rom/cx3pro-hp544-drom-winmft-zh.txt: flint/mstflint drom (ROM removal)',
    // mlxfwreset reset runs: a real form the issue does not list.
    'mlx5/fixtures/real/fwreset/cx4-reset-minimal-level-y-talos-admin-container.txt: mlxfwreset/mstfwreset reset run',
    'mlx5/fixtures/real/fwreset/cx6dx-reset-requested-level-3-no-prompt-zh.txt: mlxfwreset/mstfwreset reset run',
    'mlx5/fixtures/real/fwreset/cx7-reset-level-is-restarting-mst-done-openshift.txt: mlxfwreset/mstfwreset reset run',
    // A reset refused before it read anything (`-d … -y r`).
    'mlx5/fixtures/real/fwreset/cx7-reset-refused-psid-not-supported-mstflint-pr1000.txt: mlxfwreset/mstfwreset reset run',
    // mlxlink port reports: a real form the issue does not list.
    'mlx5/fixtures/real/mlxlink/bf3-pf0-m-c-counters-sigcomm-tutorial.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/bf3-pf1-m-c-counters-sigcomm-tutorial.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx6-hdr-eight-hcas-loop-ber-monitor.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx6dx-rdma-notes-mlx5-1.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx7-ndr-show-module-35-col-trailing-spaces-dac-notes.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/spectrum-sonic-howto-port2.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/bf3-b3220-ib-edr-no-command-trailing-spaces-fusee-notes.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx4-ib-edr-homelab-sample-cut-before-tool-info.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx5-ib-sdr-cable-speed-not-enabled-indented-rst.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx4-ib-fdr-homelab-pciconf1-trailing-spaces.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/b200-nvlink-gpu7-netir-nvidia-bug-report-gpu-mst-dump-cos.txt: mlxlink/mstlink port report',
    // mlxlink --json: the same report as one JSON document (real MFT 4.34.1 captures of one ConnectX-7 port).
    'mlx5/fixtures/real/mlxlink/cx7-400g-dr4-fec-histogram-serdes-json-reindented-exporter-capture.json: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx7-400g-dr4-osfp-m-c-json-mft-4.34-exporter-capture.json: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx7-400g-dr4-show-eye-json-exporter-capture.json: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx7-dgx-spark-aerial-comment-above-command.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx7-grep-link-status-health-check-aws.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx7-two-ports-grep-port-echo-lab-execution-aws.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx6-200g-m-c-web-page-explanations-kontronn.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/cx5-ib-edr-json-cut-short-lshca-issue11.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/spectrum-25g-show-serdes-tx-cut-sonic-issue265.txt: mlxlink/mstlink port report',
    'mlx5/fixtures/real/mlxlink/linkx-aoc-m-grep-part-fw-state-mstflint-manual.txt: mlxlink/mstlink port report',
    // mst status listings: a real form the issue does not list.
    'mlx5/fixtures/real-mst-status/bf2-doca-v-wrapped-numa-redacted.txt: mst status (mst nodes and their PCI functions)',
    'mlx5/fixtures/real-mst-status/cx4-ibm-power-v-dot-separators.txt: mst status (mst nodes and their PCI functions)',
    'mlx5/fixtures/real-mst-status/cx6-roce-v-two-cards.txt: mst status (mst nodes and their PCI functions)',
  ],
  kinds: (_dir, p) => [
    p.tool === 'mst-status' ? MST_STATUS_KIND : p.tool === 'mstflint' ? flintKind(p) : p.tool === 'fwreset' ? (/reset|(?:^|[_ /])r(?:[_ .]|$)/i.test(asString(p.saved_as).replace(/fwreset/g, '')) ? RESET_RUN_KIND : FWRESET_KIND) : p.tool === 'mlxlink' ? MLXLINK_KIND : p.tool === 'mstconfig-reset' ? CONFIG_RESET_KIND : p.tool === 'flint-rom' ? ROM_REMOVAL_KIND : p.tool === 'fwmanager' ? FWMANAGER_FORMS[/--query[-_]format[_ ]XML/i.test(asString(p.saved_as)) ? 1 : 0]! : mstconfigKind(p),
  ],
};
