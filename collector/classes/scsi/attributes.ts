/**
 * The only names the scsi source opens. Values drivers cached at probe or scan time are read; anything whose
 * read sends a command to the adapter (a mailbox, an SMP request, a firmware query), dumps a buffer or acts
 * on the device is in NEVER_READ and is left out even when a driver's list would name it.
 */

/** /sys/class/scsi_host/hostN/ of every host: the SCSI midlayer's own attributes and the LPM policy of libata ports. */
export const SCSI_HOST_COMMON = [
  'proc_name', 'unique_id', 'can_queue', 'cmd_per_lun', 'sg_tablesize', 'sg_prot_tablesize', 'nr_hw_queues', 'host_busy',
  'supported_mode', 'active_mode', 'prot_capabilities', 'prot_guard_type', 'eh_deadline', 'state', 'use_blk_mq',
  'link_power_management_policy', 'link_power_management_supported', 'ahci_host_caps', 'ahci_host_cap2', 'em_message_type',
  'em_message_supported',
  // Versions that several drivers cache under these names (kept for drivers not listed below).
  'fw_version', 'firmware_revision', 'firmware_version', 'version_fw', 'version_bios', 'version_product', 'board_name',
] as const;

/** The MPT Fusion (mptsas, mptspi, mptfc) and MPT SAS 2/3 (mpt2sas, mpt3sas) host attributes: IOCFacts and manufacturing pages cached at probe. */
const MPT_COMMON = [
  'version_fw', 'version_bios', 'version_mpi', 'version_product', 'version_nvdata_persistent', 'version_nvdata_default',
  'board_name', 'board_assembly', 'board_tracer', 'io_delay', 'device_delay',
] as const;

/** Per driver (the host's proc_name): the attributes that driver keeps in memory. */
export const SCSI_HOST_DRIVER_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  mpt3sas: [...MPT_COMMON, 'host_sas_address', 'ioc_reset_count', 'fw_queue_depth', 'reply_queue_count', 'drv_support_bitmap', 'logging_level'],
  mpt2sas: [...MPT_COMMON, 'host_sas_address', 'ioc_reset_count', 'fw_queue_depth', 'reply_queue_count', 'drv_support_bitmap', 'logging_level'],
  mptsas: [...MPT_COMMON, 'debug_level'],
  mptspi: [...MPT_COMMON, 'debug_level'],
  mptfc: [...MPT_COMMON, 'debug_level'],
  megaraid_sas: ['page_size', 'ldio_outstanding', 'fw_cmds_outstanding', 'raid_map_id', 'fw_crash_buffer_size'],
  smartpqi: ['driver_version', 'firmware_version', 'model', 'serial_number', 'vendor'],
  hpsa: ['firmware_revision', 'commands_outstanding', 'transport_mode', 'resettable', 'hp_ssd_smart_path_status', 'lockup_detected', 'ctlr_num', 'legacy_board'],
  // reset_host is not only write-only: its read runs aac_adapter_check_health against the adapter.
  aacraid: ['model', 'vendor', 'flags', 'hba_kernel_version', 'hba_monitor_version', 'hba_bios_version', 'driver_version', 'serial_number', 'max_channel', 'max_id'],
  qla2xxx: [
    'driver_version', 'fw_version', 'serial_num', 'isp_name', 'isp_id', 'model_name', 'model_desc', 'pci_info', 'optrom_bios_version',
    'optrom_efi_version', 'optrom_fcode_version', 'optrom_fw_version', 'optrom_gold_fw_version', 'serdes_version', 'mpi_version',
    'phy_version', 'pep_version', 'flash_block_size', 'fw_attr', 'port_speed', 'port_no', 'min_supported_speed', 'max_supported_speed',
    'fabric_param', 'fw_dump_size', 'total_isp_aborts', 'vlan_id', 'vn_port_mac_address',
  ],
  lpfc: [
    'fwrev', 'hdw', 'option_rom_version', 'modelname', 'modeldesc', 'programtype', 'portnum', 'serialnum', 'lpfc_drvr_version',
    'num_discovered_ports', 'info', 'lpfc_enable_fc4_type', 'lpfc_sg_seg_cnt',
  ],
  bfa: [
    'serial_number', 'model', 'model_desc', 'node_name', 'symbolic_name', 'hardware_version', 'driver_version', 'option_rom_version',
    'firmware_version', 'number_of_ports', 'driver_name', 'number_of_discovered_ports',
  ],
};

/**
 * Never opened, whatever a list above says: reads that reach the adapter or dump its memory, and write-only or
 * action attributes. Sources: the drivers' attribute tables (drivers/scsi/qla2xxx/qla_attr.c: fw_state issues
 * a get-firmware-state mailbox, thermal_temp and mpi_fw_state mailboxes too; lpfc_attr.c: max_xri, used_xri,
 * max_rpi, used_rpi, max_vpi, used_vpi call lpfc_get_hba_info, a READ_CONFIG mailbox; link_state writes take the
 * link up or down; mpt3sas host_trace_buffer dumps the diag buffer, BRM_status queries the WarpDrive firmware;
 * megaraid_sas fw_crash_buffer returns crash-dump chunks, dump_system_regs reads controller registers;
 * scsi_transport_sas.c: the sas_phy error counters call the driver's get_linkerrors (an SMP request or a firmware
 * query), sas_device enclosure_identifier and bay_identifier call into the driver; scsi_transport_fc.c:
 * fc_host statistics/ call get_fc_host_stats, a mailbox on qla2xxx and lpfc).
 */
export const NEVER_READ = [
  // qla2xxx
  'fw_state', 'thermal_temp', 'mpi_fw_state', '84xx_fw_version', 'beacon', 'beacon_config', 'zio', 'zio_timer', 'zio_threshold',
  'dport_diagnostics', 'mpi_pause', 'allow_cna_fw_dump', 'qlini_mode', 'ql2xiniexchg', 'ql2xexchoffld', 'fw_dump', 'optrom',
  'optrom_ctl', 'nvram', 'vpd', 'sfp', 'reset', 'edc', 'edc_status', 'xgmac_stats', 'dcbx_tlv', 'link_state',
  // lpfc
  'max_xri', 'used_xri', 'max_rpi', 'used_rpi', 'max_vpi', 'used_vpi', 'issue_reset', 'board_mode', 'lpfc_stat_data_ctrl',
  'lpfc_drvr_stat_data', 'ctlreg', 'mbox',
  // mpt3sas
  'host_trace_buffer', 'host_trace_buffer_enable', 'host_trace_buffer_size', 'diag_trigger_master', 'diag_trigger_event',
  'diag_trigger_scsi', 'diag_trigger_mpi', 'fwfault_debug', 'enable_sdev_max_qd', 'BRM_status',
  // megaraid_sas
  'fw_crash_buffer', 'fw_crash_state', 'dump_system_regs',
  // smartpqi, hpsa, aacraid
  'rescan', 'lockup_action', 'enable_stream_detection', 'enable_r5_writes', 'enable_r6_writes', 'raid_offload_debug', 'reset_host',
  // libata hosts and the midlayer
  'ahci_port_cmd', 'ahci_host_version', 'em_message', 'scan', 'host_reset', 'delete',
  // sas and fc transport
  'invalid_dword_count', 'running_disparity_error_count', 'loss_of_dword_sync_count', 'phy_reset_problem_count', 'link_reset',
  'hard_reset', 'enclosure_identifier', 'bay_identifier', 'issue_lip', 'statistics', 'reset_statistics', 'vport_create', 'vport_delete',
] as const;

/** /sys/bus/scsi/devices/H:C:T:L/: INQUIRY identity and VPD pages as the kernel cached them at scan, queue and error-handling settings. */
export const SCSI_DEVICE_ATTRIBUTES = [
  'vendor', 'model', 'rev', 'type', 'scsi_level', 'state', 'device_blocked', 'queue_depth', 'queue_type', 'queue_ramp_up_period',
  'timeout', 'eh_timeout', 'inquiry', 'vpd_pg0', 'vpd_pg80', 'vpd_pg83', 'vpd_pg89', 'vpd_pgb0', 'vpd_pgb1', 'vpd_pgb2', 'wwid',
  'iorequest_cnt', 'iodone_cnt', 'ioerr_cnt', 'iotmo_cnt', 'access_state', 'preferred_path', 'dh_state', 'blacklist', 'modalias',
  // Per-device attributes of HBA drivers: mpt3sas, smartpqi, hpsa.
  'sas_address', 'sas_device_handle', 'sas_ncq_prio_enable', 'lunid', 'unique_id', 'path_info', 'raid_level', 'raid_bypass_cnt',
  'ssd_smart_path_enabled', 'hp_ssd_smart_path_enabled',
] as const;

/** /sys/bus/scsi/devices/H:C:T:L/power/: runtime power management of the device. */
export const SCSI_DEVICE_POWER_ATTRIBUTES = ['control', 'runtime_status', 'autosuspend_delay_ms', 'runtime_enabled'] as const;

/** /sys/class/sas_expander/expander-H:N/: REPORT MANUFACTURER INFORMATION as the SAS transport cached it (expander firmware: product_rev). */
export const SAS_EXPANDER_ATTRIBUTES = [
  'vendor_id', 'product_id', 'product_rev', 'component_vendor_id', 'component_id', 'component_revision_id', 'level',
] as const;

/** /sys/class/sas_phy/phy-H:…/: identification and link rates; the error counters are in NEVER_READ. */
export const SAS_PHY_ATTRIBUTES = [
  'sas_address', 'phy_identifier', 'port_identifier', 'device_type', 'initiator_port_protocols', 'target_port_protocols',
  'negotiated_linkrate', 'minimum_linkrate_hw', 'maximum_linkrate_hw', 'minimum_linkrate', 'maximum_linkrate', 'enable',
] as const;

/** /sys/class/sas_device/…/: the attached device's identification (enclosure and bay identifiers are in NEVER_READ). */
export const SAS_DEVICE_ATTRIBUTES = ['sas_address', 'phy_identifier', 'device_type', 'initiator_port_protocols', 'target_port_protocols'] as const;

/** /sys/class/sas_end_device/…/ */
export const SAS_END_DEVICE_ATTRIBUTES = ['ready_led_meaning', 'I_T_nexus_loss_timeout', 'initiator_response_timeout', 'tlr_supported', 'tlr_enabled'] as const;

/** /sys/class/fc_host/hostN/: port identity and state the LLD keeps in memory; statistics/ is never read. */
export const FC_HOST_ATTRIBUTES = [
  'node_name', 'port_name', 'permanent_port_name', 'port_id', 'port_type', 'port_state', 'speed', 'supported_speeds',
  'fabric_name', 'symbolic_name', 'system_hostname', 'supported_classes', 'supported_fc4s', 'active_fc4s', 'maxframe_size',
  'max_npiv_vports', 'npiv_vports_inuse', 'dev_loss_tmo', 'tgtid_bind_type', 'manufacturer', 'serial_number', 'model',
  'model_description', 'hardware_version', 'driver_version', 'firmware_version', 'optionrom_version',
] as const;

const DENIED: ReadonlySet<string> = new Set(NEVER_READ);

/** The allow-listed names a host of this driver may have, without any denied one. */
export function hostAttributes(driver: string | undefined): string[] {
  const names = new Set<string>([...SCSI_HOST_COMMON, ...(driver ? SCSI_HOST_DRIVER_ATTRIBUTES[driver] ?? [] : [])]);
  return [...names].filter((n) => !DENIED.has(n));
}

/** A list without the denied names. */
export const allowed = (names: readonly string[]): string[] => names.filter((n) => !DENIED.has(n));
