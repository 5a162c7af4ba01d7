import type { ClassFacts } from '../../facts/types.js';

export const gpuFacts: ClassFacts = {
  name: 'gpu',
  // Its rules read the kernel log (table kernel_log).
  reads: ['kernel-log'],
  doc: 'NVIDIA GPUs (nvidia-smi -q -x, /proc/driver/nvidia): VBIOS, InfoROM and GSP firmware, driver version, ECC/MIG/persistence state; AMD GPUs (amdgpu sysfs, saved rocm-smi and amd-smi outputs): VBIOS part number and build and the firmware of every block; Intel GPUs (i915, xe): GuC/HuC/GSC/DMC versions from the kernel log.',
  devices: [{
    class: 'gpu', key: 'gpu:<dddd:bb:dd.f>',
    doc: 'model = product name; serial = board serial; parent and pci_address = the PCI function. A GPU only saved outputs name, with no bus id placing it, is keyed by the tool\'s index, with no PCI function: gpu:nvml-<index> (nvidia-smi -L, --query-gpu), gpu:rocm-<index> (rocm-smi), gpu:amdsmi-<index> (amd-smi)',
  }],
  firmware: [
    { devices: ['gpu'], component: 'amdgpu.vbios', states: ['running'], scheme: 'plain', doc: 'AMD VBIOS part number and build (113-D1631700-111), amdgpu vbios_version' },
    { devices: ['gpu'], component: 'amdgpu.vbios.build', states: ['running'], scheme: 'plain', doc: 'AMD VBIOS (IFWI) build amd-smi static prints under VBIOS or IFWI as VERSION (00154951), beside the part number' },
    { devices: ['gpu'], component: 'amdgpu.<block>', pattern: /^amdgpu\.[a-z0-9_]+$/, states: ['running'], scheme: 'hex', doc: 'the firmware amdgpu loaded into each block (me, pfp, ce, rlc, mec, sos, asd, smc, sdma, vcn, dmcub, mes…), 0x%08x from fw_version/<block>_fw_version, or a saved rocm-smi\'s "<BLOCK> firmware version" or amd-smi firmware\'s FW_VERSION turned back into that form (138 → 0x0000008a, SMC 00.85.91.00 → 0x00555b00, amd-smi PSP_SOSDRV 00.3A.06.14 → 0x003a0614); a block amd-smi lists and sysfs has no file for (psp_bl, dfc, mmsch…) keeps the version amd-smi printed' },
    { devices: ['gpu'], component: 'vbios', states: ['running'], scheme: 'dotted', doc: 'VBIOS version (92.00.36.00.02), from nvidia-smi or the proc file\'s Video BIOS' },
    { devices: ['gpu'], component: 'inforom.img', states: ['running'], scheme: 'plain', doc: 'InfoROM image version (G506.0212.00.01)' },
    { devices: ['gpu'], component: 'inforom.oem', states: ['running'], scheme: 'plain', doc: 'InfoROM OEM object version (2.0)' },
    { devices: ['gpu'], component: 'inforom.ecc', states: ['running'], scheme: 'plain', doc: 'InfoROM ECC object version (6.16)' },
    { devices: ['gpu'], component: 'inforom.pwr', states: ['running'], scheme: 'plain', doc: 'InfoROM power management object version' },
    { devices: ['gpu'], component: 'gsp', states: ['running'], scheme: 'dotted', doc: 'GSP firmware version the GPU runs (equal to the driver version when it loaded; absent without GSP)' },
    {
      devices: ['pci'], component: 'intel.<uc>', pattern: /^intel\.(?:guc|huc|gsc|dmc)(?:\.gt\d+)?$/, states: ['running', 'stored'], scheme: 'dotted',
      doc: 'Intel GPU microcontroller firmware on the i915/xe PCI function, from the kernel log: intel.guc, intel.huc, intel.gsc (intel.guc.gt1 on a second GT), intel.dmc (display); running = loaded ("GuC firmware … version", xe "Using GuC firmware from … version", "Finished loading DMC firmware … (v2.20)"), stored = the file the driver found (also an older one it names in "is recommended, but only … was found", or one xe refused as "Unsupported GuC v…")',
    },
  ],
  settings: [
    {
      namespace: 'gpu',
      devices: ['gpu'],
      modes: ['current', 'next_boot'],
      doc: 'GPU state as nvidia-smi and the driver report it; next_boot is nvidia-smi\'s Pending (applies after a GPU reset or reboot)',
      keys: {
        driver_version: { type: 'text', doc: 'nvidia-smi driver_version (the user-space driver); AMD: the Driver version rocm-smi prints, amd-smi\'s DRIVER VERSION (the amdgpu module\'s version, or the kernel release for the in-tree driver)' },
        cuda_version: { type: 'text' },
        module_version: { type: 'text', doc: 'the loaded kernel module: /sys/module/nvidia/version, else the NVRM line of /proc/driver/nvidia/version' },
        fabric_manager_version: { type: 'text', doc: 'the installed Fabric Manager (nv-fabricmanager --version), on every GPU of the host' },
        open_kernel_module: { type: 'boolean', doc: 'the NVRM banner says "Open Kernel Module"' },
        firmware_files: { type: 'list', doc: 'file names in /lib/firmware/nvidia/<module_version>/ (gsp_ga10x.bin, gsp_tu10x.bin); empty when the directory is empty or missing; absent when the bundle does not say (a captured tree without /lib/firmware)' },
        persistence_mode: { type: 'string', values: ['Enabled', 'Disabled'] },
        addressing_mode: { type: 'text', doc: 'None, HMM, ATS' },
        ecc_mode: { type: 'text', doc: 'Enabled / Disabled, current and next_boot (pending)' },
        mig_mode: { type: 'text', doc: 'Enabled / Disabled, current and next_boot (pending)' },
        reset_required: { type: 'text', doc: 'gpu_reset_status/reset_required: Yes / No' },
        architecture: { type: 'text' },
        uuid: { type: 'text', doc: 'GPU-<uuid> (redacted in shared bundles)' },
        nvidia_smi_error: { type: 'text', doc: 'nvidia-smi could not open this GPU: the reason it printed ("Unable to determine the device handle for GPU …: Unknown Error", "GPU is lost", "Not Found") — a GPU fallen off the bus or whose driver state is lost' },
        excluded: { type: 'text', doc: 'proc information "GPU Excluded" (older drivers: "Blacklisted"): Yes / No' },
        fabric_manager_log_version: { type: 'text', doc: 'Fabric Manager log (fabricmanager.log, its end): the version of its last start, "Fabric Manager version … is running"; every fabric_manager_log_* key is on every GPU of the host and describes that last start (the whole kept log when no start is in it)' },
        fabric_manager_log_configured: { type: 'boolean', doc: 'Fabric Manager log: "Successfully configured all the available GPUs and NVSwitches" after the last start' },
        fabric_manager_log_interface_version: { type: 'text', doc: 'Fabric Manager log: the driver interface version it was built for, when it refused the loaded driver ("driver interface version X don\'t match with driver version Y")' },
        fabric_manager_log_refused_driver: { type: 'text', doc: 'Fabric Manager log: the driver version it refused (Y above)' },
        fabric_manager_log_topology_refused: { type: 'boolean', doc: 'Fabric Manager log: "detected number of NVSwitches don\'t match with any supported system topology, aborting fabric manager"' },
        fabric_manager_log_nvswitch_fatal: { type: 'list', doc: 'Fabric Manager log: SXids of "detected NVSwitch fatal error <SXid> …" lines, in order (empty: none)' },
        fabric_manager_log_nvswitch_non_fatal: { type: 'list', doc: 'Fabric Manager log: SXids of "detected NVSwitch non-fatal error <SXid> …" lines, in order (empty: none)' },
      },
    },
  ],
};
