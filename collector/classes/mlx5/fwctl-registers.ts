/**
 * mlx5 firmware commands sent through fwctl (drivers/fwctl/mlx5): raw command-interface mailboxes,
 * big-endian. Only ACCESS_REG reads (op_mod 1) of the registers below are built here.
 */
export const MLX5_CMD_OP_ACCESS_REG = 0x805;
export const MLX5_ACCESS_REG_OP_MOD_READ = 1;
/** mbox_in_hdr / mbox_out_hdr: 16 bytes before the register data. */
export const MLX5_MBOX_HEADER = 16;

export const MLX5_REGISTERS = {
  MGIR: { id: 0x9020, size: 0xa0 },
  MNVDA: { id: 0x9024, size: 0x10 },
} as const;

/** config_item_ext (the MNVDA header): 12 bytes before the TLV data. */
export const NV_ITEM_HEADER = 0xc;
/** config_item_ext.access_mode: NEXT 0, CURRENT 1, FACTORY 2. */
export const NV_ACCESS_NEXT = 0;
/** config_item_ext.type_class of Global TLVs (the item index is then the TLV id). */
export const NV_CLASS_GLOBAL = 0;

/**
 * Global capability TLVs that the vendor's constraints read (name, id and size as in mstflint's
 * mlxconfig_host.db; a test compares this table with the installed database).
 */
export const GLOBAL_CAPABILITY_TLVS = [
  { name: 'nv_global_pci_cap', id: 129, size: 20 },
  { name: 'nv_global_pci_cap_3', id: 275, size: 48 },
  { name: 'nv_rom_cap', id: 257, size: 4 },
  { name: 'nv_flex_parser_cap', id: 15, size: 16 },
  { name: 'nv_sw_offload_cap', id: 267, size: 4 },
  { name: 'nv_performance_tuning_cap', id: 280, size: 16 },
  { name: 'nv_power_cap', id: 137, size: 4 },
  { name: 'nv_memic_cap', id: 7, size: 4 },
  { name: 'nv_ib_dc_cap', id: 401, size: 24 },
  { name: 'nv_host_chaining_cap', id: 9, size: 8 },
] as const;

/** ACCESS_REG read mailbox: opcode @0, op_mod @6, register_id @10, argument @12, register data from @16. */
export function accessRegRead(registerId: number, registerData: Buffer): Buffer {
  const b = Buffer.alloc(MLX5_MBOX_HEADER + registerData.length);
  b.writeUInt16BE(MLX5_CMD_OP_ACCESS_REG, 0);
  b.writeUInt16BE(MLX5_ACCESS_REG_OP_MOD_READ, 6);
  b.writeUInt16BE(registerId, 10);
  registerData.copy(b, MLX5_MBOX_HEADER);
  return b;
}

/** MNVDA register data asking for one TLV: length @0x0.0 (9 bits), access_mode @0x0.22, type_index @0x4.0, type_class @0x4.24. */
export function mnvdaQuery(tlvClass: number, tlvId: number, dataSize: number, accessMode = NV_ACCESS_NEXT): Buffer {
  const b = Buffer.alloc(NV_ITEM_HEADER + dataSize);
  b.writeUInt32BE(((accessMode & 0x3) << 22) | (dataSize & 0x1ff), 0);
  b.writeUInt32BE(((tlvClass & 0xff) << 24) | (tlvId & 0xffffff), 4);
  return b;
}
