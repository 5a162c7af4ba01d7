import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import type { FakeHostPart } from '../../fake-host/part.js';
import { FORBIDDEN, type FakeTree } from '../../fake-host/tree.js';
import { FAKEHOST } from '../../fake-host/fakehost-facts.js';

/** A module's own files next to parameters/ (version, srcversion, taint), loaded as settings `.version`, …. */
const MODULE_FILES = new Set(['.version', '.srcversion', '.taint']);

/** Kernel settings derived from /proc/sys/kernel/tainted by the loader, rendered by writing the bitmask only. */
const DERIVED_FROM_TAINTED = new Set(['taint_letters']);

/**
 * The host itself: `platform` (DMI, /sys/class/dmi/id/<attribute>) and `kernel` (the taint bitmask in
 * /proc/sys/kernel/tainted, loaded modules as /proc/modules lines, module parameters in
 * /sys/module/<module>/parameters/<name>).
 */
export const platformFakeHost: FakeHostPart = {
  classes: ['platform', 'kernel'],
  hostWide: true,
  unsupported(d) {
    for (const s of d.settings ?? []) {
      if (d.class === 'platform' && s.namespace !== 'dmi') return `setting ${s.namespace}/${s.key} has no renderer`;
      if (d.class !== 'kernel') continue;
      if (s.namespace === 'kernel') {
        if (s.key === 'tainted' && /^\d+$/.test(String(s.value))) continue;
        if (DERIVED_FROM_TAINTED.has(s.key) && d.settings?.some((t) => t.namespace === 'kernel' && t.key === 'tainted')) continue;
        return `setting kernel/${s.key} has no renderer`;
      }
      if (!s.namespace.startsWith('module:')) return `setting ${s.namespace}/${s.key} has no renderer`;
      if (s.key === '.loaded' && ['1', 'true'].includes(String(s.value))) continue;
      if (MODULE_FILES.has(s.key) && (s.mode ?? 'current') === 'current') continue;
      if (s.key.startsWith('.')) return `setting ${s.namespace}/${s.key} has no renderer`;
    }
    if (d.firmware || d.vendor_id !== undefined || d.model) return `${d.class} carries settings only`;
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice): string {
    for (const s of d.settings ?? []) {
      const value = s.value === true ? 'Y' : s.value === false ? 'N' : String(s.value);
      if (d.class === 'platform') tree.file(`sys/class/dmi/id/${s.key}`, `${value}\n`);
      else if (s.namespace === 'kernel') {
        if (s.key === 'tainted') tree.file('proc/sys/kernel/tainted', `${value}\n`);
      } else if (s.key === '.loaded') tree.append('proc/modules', `${s.namespace.slice('module:'.length)} 561152 0 - Live 0x0000000000000000\n`);
      else if (MODULE_FILES.has(s.key)) tree.file(`sys/module/${s.namespace.slice('module:'.length)}/${s.key.slice(1)}`, `${value}\n`);
      else tree.file(`sys/module/${s.namespace.slice('module:'.length)}/parameters/${s.key}`, `${value}\n`);
    }
    return d.class === 'platform' ? 'platform' : 'kernel';
  },
};

/**
 * The shared fake host itself: DMI of a Dell PowerEdge R740, the kernel's /proc/sys/kernel, command line, loaded
 * modules and their parameters, /etc/os-release (RHEL 9.4); /proc/kmsg holds FORBIDDEN (the collector reads /dev/kmsg).
 */
export function fakehostPlatform(tree: FakeTree): void {
  const dmi = 'sys/devices/virtual/dmi/id';
  tree.attrs(dmi, {
    bios_vendor: 'Dell Inc.', bios_version: '2.19.1', bios_date: '08/10/2023', bios_release: '2.19', sys_vendor: 'Dell Inc.', product_name: 'PowerEdge R740',
    product_version: '', product_family: 'PowerEdge', product_sku: 'SKU=NotProvided;ModelName=PowerEdge R740', product_serial: '7X8Y9Z1',
    product_uuid: '4c4c4544-0058-3810-8059-b7c04f395a31', board_vendor: 'Dell Inc.', board_name: '014X06', board_version: 'A08',
    board_serial: '.7X8Y9Z1.CNFCP0012345678.', board_asset_tag: '', chassis_vendor: 'Dell Inc.', chassis_type: '23', chassis_version: '',
    chassis_serial: '7X8Y9Z1', chassis_asset_tag: '', modalias: 'dmi:bvnDellInc.:bvr2.19.1:bd08/10/2023:br2.19:svnDellInc.:pnPowerEdgeR740:pvr:rvnDellInc.:rn014X06:rvrA08:cvnDellInc.:ct23:cvr:sku:',
    uevent: 'MODALIAS=dmi:bvnDellInc.:bvr2.19.1:bd08/10/2023:br2.19:svnDellInc.:pnPowerEdgeR740:pvr:rvnDellInc.:rn014X06:rvrA08:cvnDellInc.:ct23:cvr:sku:',
  });
  tree.linkTo('sys/class/dmi/id', dmi);

  tree.attrs('proc/sys/kernel', {
    osrelease: FAKEHOST.kernelRelease, hostname: FAKEHOST.hostname, tainted: '0', arch: 'x86_64', version: '#1 SMP PREEMPT_DYNAMIC Wed Apr 10 10:29:16 EDT 2024',
  });
  tree.file('proc/cmdline', `${FAKEHOST.cmdline}\n`);
  tree.file('proc/kmsg', FORBIDDEN);
  tree.file(
    'proc/modules',
    [
      'mlx5_ib 491520 0 - Live 0x0000000000000000',
      'ib_uverbs 192512 1 mlx5_ib, Live 0x0000000000000000',
      'ib_core 475136 2 mlx5_ib,ib_uverbs, Live 0x0000000000000000',
      'mlx5_core 2445312 1 mlx5_ib, Live 0x0000000000000000',
      'mlxfw 36864 1 mlx5_core, Live 0x0000000000000000',
      'i40e 561152 0 - Live 0x0000000000000000',
      'nvme 53248 2 - Live 0x0000000000000000',
      'nvme_core 200704 3 nvme, Live 0x0000000000000000',
      'ahci 49152 0 - Live 0x0000000000000000',
      'libahci 53248 1 ahci, Live 0x0000000000000000',
      'libata 434176 2 ahci,libahci, Live 0x0000000000000000',
      '',
    ].join('\n'),
  );
  const modules: Record<string, Record<string, string>> = {
    mlx5_core: { debug_mask: '0', prof_sel: '2' },
    i40e: { debug: '-1' },
    nvme: { use_threaded_interrupts: '0', use_cmb_sqes: 'Y', max_host_mem_size_mb: '128', sgl_threshold: '32768', io_queue_depth: '1024', write_queues: '0', poll_queues: '0', noacpi: 'N' },
    nvme_core: { admin_timeout: '60', io_timeout: '30', max_retries: '5', default_ps_max_latency_us: '100000', force_apst: 'N', multipath: 'Y', iopolicy: 'numa' },
    ahci: { marvell_enable: '0', mobile_lpm_policy: '3' },
    libata: { acpi_gtf_filter: '25', allow_tpm: '0', atapi_an: '0', atapi_dmadir: '0', atapi_enabled: '1', atapi_passthru16: '1', dma: '7', fua: '0', ignore_hpa: '0', noacpi: '0' },
    pcie_aspm: { policy: 'default performance [powersave] powersupersave' },
    mlx5_ib: { dc_cnak_qp_depth: '0' },
  };
  for (const [m, params] of Object.entries(modules)) {
    tree.attrs(`sys/module/${m}/parameters`, params);
    if (m !== 'pcie_aspm') tree.attrs(`sys/module/${m}`, { srcversion: 'E6F5B3D1C2A4B6F7A8091A2', taint: '', initstate: 'live' });
  }
  tree.file('etc/os-release', [
    'NAME="Red Hat Enterprise Linux"', 'VERSION="9.4 (Plow)"', 'ID="rhel"', 'ID_LIKE="fedora"', 'VERSION_ID="9.4"', 'PLATFORM_ID="platform:el9"',
    'PRETTY_NAME="Red Hat Enterprise Linux 9.4 (Plow)"', 'ANSI_COLOR="0;31"', 'CPE_NAME="cpe:/o:redhat:enterprise_linux:9::baseos"', '',
  ].join('\n'));
}
