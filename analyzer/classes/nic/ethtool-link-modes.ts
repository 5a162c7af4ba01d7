/**
 * Names of the ethtool link mode bits (enum ethtool_link_mode_bit_indices in <linux/ethtool.h>, bits 0–92
 * as of Linux 6.1), without the ETHTOOL_LINK_MODE_ prefix and _BIT suffix. Newer kernels add bits above;
 * those are named 'bit<N>'.
 */
export const LINK_MODE_NAMES: readonly string[] = [
  '10baseT_Half', '10baseT_Full', '100baseT_Half', '100baseT_Full', '1000baseT_Half', '1000baseT_Full', 'Autoneg',
  'TP', 'AUI', 'MII', 'FIBRE', 'BNC', '10000baseT_Full', 'Pause', 'Asym_Pause', '2500baseX_Full', 'Backplane',
  '1000baseKX_Full', '10000baseKX4_Full', '10000baseKR_Full', '10000baseR_FEC', '20000baseMLD2_Full',
  '20000baseKR2_Full', '40000baseKR4_Full', '40000baseCR4_Full', '40000baseSR4_Full', '40000baseLR4_Full',
  '56000baseKR4_Full', '56000baseCR4_Full', '56000baseSR4_Full', '56000baseLR4_Full', '25000baseCR_Full',
  '25000baseKR_Full', '25000baseSR_Full', '50000baseCR2_Full', '50000baseKR2_Full', '100000baseKR4_Full',
  '100000baseSR4_Full', '100000baseCR4_Full', '100000baseLR4_ER4_Full', '50000baseSR2_Full', '1000baseX_Full',
  '10000baseCR_Full', '10000baseSR_Full', '10000baseLR_Full', '10000baseLRM_Full', '10000baseER_Full',
  '2500baseT_Full', '5000baseT_Full', 'FEC_NONE', 'FEC_RS', 'FEC_BASER', '50000baseKR_Full', '50000baseSR_Full',
  '50000baseCR_Full', '50000baseLR_ER_FR_Full', '50000baseDR_Full', '100000baseKR2_Full', '100000baseSR2_Full',
  '100000baseCR2_Full', '100000baseLR2_ER2_FR2_Full', '100000baseDR2_Full', '200000baseKR4_Full',
  '200000baseSR4_Full', '200000baseLR4_ER4_FR4_Full', '200000baseDR4_Full', '200000baseCR4_Full', '100baseT1_Full',
  '1000baseT1_Full', '400000baseKR8_Full', '400000baseSR8_Full', '400000baseLR8_ER8_FR8_Full', '400000baseDR8_Full',
  '400000baseCR8_Full', 'FEC_LLRS', '100000baseKR_Full', '100000baseSR_Full', '100000baseLR_ER_FR_Full',
  '100000baseCR_Full', '100000baseDR_Full', '200000baseKR2_Full', '200000baseSR2_Full', '200000baseLR2_ER2_FR2_Full',
  '200000baseDR2_Full', '200000baseCR2_Full', '400000baseKR4_Full', '400000baseSR4_Full',
  '400000baseLR4_ER4_FR4_Full', '400000baseDR4_Full', '400000baseCR4_Full', '100baseFX_Half', '100baseFX_Full',
  '10baseT1L_Full',
];

export function linkModeName(bit: number): string {
  return LINK_MODE_NAMES[bit] ?? `bit${bit}`;
}
