/**
 * What the cxl source reads of a CXL memory device (Documentation/ABI/testing/sysfs-bus-cxl, drivers/cxl/core/memdev.c).
 * Every attribute below is served from what cxl_pci cached at probe (the Identify Memory Device answer, the PCIe
 * Device Serial Number, the partition sizes): reading it sends nothing to the device.
 */
export const CXL_DEVICES = '/sys/bus/cxl/devices';

export const MEMDEV_ATTRIBUTES = ['firmware_version', 'serial', 'numa_node', 'payload_max', 'label_storage_size'] as const;
/** `ram/` and `pmem/`: the partition sizes and QoS classes. */
export const PARTITION_ATTRIBUTES = ['size', 'qos_class'] as const;
export const SECURITY_ATTRIBUTES = ['state'] as const;
/**
 * `firmware/<memX>/`: the firmware-upload class device (Documentation/ABI/testing/sysfs-class-firmware). Its status,
 * error and remaining_size report the last upload from the kernel's own state.
 */
export const FW_UPLOAD_ATTRIBUTES = ['status', 'error', 'remaining_size'] as const;

/**
 * Never read or written, whatever a future allow-list edit says: `security/sanitize` and `security/erase` destroy
 * data when written; `trigger_poison_list` makes the device walk its media (Get Poison List) on every write;
 * `firmware/*\/{loading,data,cancel}` drive a firmware upload.
 */
export const CXL_DENIED = ['sanitize', 'erase', 'trigger_poison_list', 'loading', 'data', 'cancel'] as const;

/**
 * The name a saved `cxl list` is stored under: the memory devices with their firmware slots (-F: Get FW Info), health
 * (-H) and partitions (-I). fwsnap never runs cxl itself: libcxl writes /sys/bus/cxl/flush while it walks the ports
 * (seen under strace in the lab), and from ndctl v80 `-vvv` also lists media errors, which writes trigger_poison_list.
 */
export const CXL_LIST_ARGV = ['cxl', 'list', '-M', '-F', '-H', '-I'] as const;
