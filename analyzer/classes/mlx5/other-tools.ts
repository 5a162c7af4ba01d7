/**
 * Tools whose output a session may show beside an mst tool's (lspci, ethtool, mst status, another mst tool): their
 * program's name first, after a `sudo`. A line the text layer places under such a command is that tool's output, never a
 * line of the mst tool's own; a reader takes out its own tool's names.
 */
export const OTHER_TOOL =
  /^(?:sudo\s+(?:-\S+\s+)*)?(?:\S*\/)?(?:lspci|lshw|ethtool|devlink|ip|ibstat|ibstatus|ibv_devinfo|ibdev2netdev|mst|mstflint|flint|flint_ext|mstconfig|mlxconfig|mlxfwmanager|mstfwmanager|mlxup|mlxlink|mstlink|mlxfwreset|mstfwreset|ofed_info|uname|lsmod|modinfo)(?:\.exe)?(?:\s|$)/;

/** `mst status` (`-v`, `-vv`): its lines are read for the PCI function of each mst node (mst-places.ts), not reported as unread. */
export const MST_STATUS_COMMAND = /^(?:sudo\s+(?:-\S+\s+)*)?(?:\S*\/)?mst\s+status(?:\s+-{1,2}v{1,2})*\s*$/;
