/** The only names the ata source's block part opens. Statistics, write-only and register-reading attributes are left out. */

/** /sys/block/<disk>/ */
export const BLOCK_ATTRIBUTES = [
  'size', 'removable', 'ro', 'hidden', 'capability', 'ext_range', 'range', 'dev', 'alignment_offset', 'discard_alignment',
  'events', 'events_poll_msecs', 'diskseq', 'wwid', 'nsid', 'eui', 'nguid', 'uuid',
] as const;

/** /sys/block/<disk>/device/: SCSI (and libata) device attributes, or an NVMe controller's for a namespace. */
export const BLOCK_DEVICE_ATTRIBUTES = [
  'vendor', 'model', 'rev', 'serial', 'firmware_rev', 'wwid', 'state', 'type', 'scsi_level', 'queue_depth', 'queue_type',
  'timeout', 'eh_timeout', 'device_blocked', 'inquiry', 'vpd_pg0', 'vpd_pg80', 'vpd_pg83', 'vpd_pg89', 'vpd_pgb0', 'vpd_pgb1',
  'vpd_pgb2', 'ncq_prio_enable', 'ncq_prio_supported', 'cdl_supported', 'cdl_enable', 'access_state', 'preferred_path',
  'dh_state', 'transport', 'cntlid', 'numa_node',
] as const;

/** /sys/block/<disk>/queue/ */
export const QUEUE_ATTRIBUTES = [
  'scheduler', 'rotational', 'discard_granularity', 'discard_max_bytes', 'discard_max_hw_bytes', 'discard_zeroes_data',
  'max_discard_segments', 'write_cache', 'fua', 'write_same_max_bytes', 'write_zeroes_max_bytes', 'nr_requests',
  'max_sectors_kb', 'max_hw_sectors_kb', 'max_segments', 'max_integrity_segments', 'max_segment_size', 'logical_block_size',
  'physical_block_size', 'hw_sector_size', 'minimum_io_size', 'optimal_io_size', 'chunk_sectors', 'dma_alignment',
  'virt_boundary_mask', 'zoned', 'nr_zones', 'max_open_zones', 'max_active_zones', 'zone_append_max_bytes', 'dax',
  'nomerges', 'rq_affinity', 'read_ahead_kb', 'io_poll', 'io_poll_delay', 'io_timeout', 'wbt_lat_usec', 'add_random',
  'iostats', 'stable_writes', 'atomic_write_max_bytes', 'atomic_write_unit_min_bytes', 'atomic_write_unit_max_bytes',
  'atomic_write_boundary_bytes',
] as const;

/** /sys/class/ata_device/devP.D/: `id` is the full IDENTIFY data as 256 hex words. */
export const ATA_DEVICE_ATTRIBUTES = ['class', 'id', 'gscr', 'trim', 'ering', 'spdn_cnt', 'pio_mode', 'dma_mode', 'xfer_mode'] as const;

export const ATA_LINK_ATTRIBUTES = ['hw_sata_spd_limit', 'sata_spd_limit', 'sata_spd'] as const;

export const ATA_PORT_ATTRIBUTES = ['idle_irq', 'nr_pmp_links', 'port_no'] as const;

/** /sys/class/scsi_disk/H:C:I:L/ */
export const SCSI_DISK_ATTRIBUTES = [
  'provisioning_mode', 'zeroing_mode', 'thin_provisioning', 'cache_type', 'FUA', 'manage_start_stop',
  'manage_system_start_stop', 'manage_runtime_start_stop', 'manage_shutdown', 'allow_restart', 'protection_type',
  'protection_mode', 'app_tag_own', 'max_write_same_blocks', 'max_medium_access_timeouts', 'max_retries', 'zoned_cap',
] as const;

