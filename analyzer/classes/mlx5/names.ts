/** Settings namespace of the NV configuration as mlxconfig prints it (keys are the printed names). */
export const MLXCONFIG_NAMESPACE = 'mlxconfig';
/** Register space holding the raw dwords of a capability TLV read through MNVDA: `mnvda:<tlv name>`. */
export const MNVDA_SPACE_PREFIX = 'mnvda:';
/** Settings namespace of the value names the tool printed (`TRUST_PCP` of `TRUST_PCP(1)`), beside their numbers. */
export const MLXCONFIG_LABEL_NAMESPACE = 'mlxconfig.label';
/** Settings namespace of the `New` column of a pasted `mlxconfig … set` preview (what was about to be written). */
export const MLXCONFIG_NEW_NAMESPACE = 'mlxconfig.new';
/** Settings namespace of the versions an mlxfwmanager/mlxup/mstfwmanager query says its update image holds, by component. */
export const FWMANAGER_UPDATE_IMAGE_NAMESPACE = 'mlx.update_image';
/** Settings namespace of what an earlier run of a firmware manager in the same file showed otherwise than the last run, by component. */
export const FWMANAGER_EARLIER_RUN_NAMESPACE = 'mlx.earlier_run';
/** The `mlx.update_image` value for an expansion ROM the image an update run burned did not hold (its Available `N/A`). */
export const NOT_IN_IMAGE = 'none';
/** `mlx.device` key of the family the MLNX_OFED / MLNX_EN installer's lspci line names a card by (`[ConnectX-4 Lx]`). */
export const INSTALLER_FAMILY = 'installer_family';
/** Settings namespace of what `mst status` shows of each PCI function its nodes reach (device type, nodes, RDMA, network, NUMA). */
export const MST_NAMESPACE = 'mlx.mst';
