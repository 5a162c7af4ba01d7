import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { bmc, efi, esrt, mei, psp, tpm } from './firmware-parts.js';
import { source } from './source.js';
import { redaction } from './redaction.js';
import { dmidecodeReadArgs, savedDmidecodeArgv } from './saved-dmidecode.js';
import { dmidecodeShape, efibootmgrShape, fwupdmgrShape } from './output-shape.js';
import { savedCatArgv, savedUnameArgv } from './saved-uname.js';
import { isDmiIdPasteArgv, namesDmi } from './saved-dmi-id.js';
import { fwupdmgrReadArgs, savedFwupdmgrArgv } from './saved-fwupdmgr.js';
import { efibootmgrReadArgs, savedEfibootmgrArgv } from './saved-efibootmgr.js';

export const platform: CollectorClass = {
  name: 'platform', imports, sources: [source, efi, esrt, mei, tpm, bmc, psp], redaction,
  commands: {
    // uname has no option that changes anything: any argv only prints (a report's uname -a, a person's saved uname -a / -r).
    uname: { run: () => true, saved: (n) => savedUnameArgv(n) !== undefined },
    // A saved `cat /proc/version` (replayed, never run: a live host's proc/sys/kernel gives the release), or of
    // /proc/cpuinfo for the cpu class, or of /proc/driver/nvidia/version for the gpu class (never run: their sources read the files).
    cat: { replay: (a) => a.length === 1 && (a[0] === '/proc/version' || a[0] === '/proc/cpuinfo' || a[0] === '/proc/driver/nvidia/version'), saved: (n) => savedCatArgv(n) !== undefined },
    // One TPM2_GetCapability of the fixed properties; tpm2-tools 3.x names the capability with -c.
    // A saved dmidecode output (replayed, never run: the class reads the same table from /sys/class/dmi/id).
    dmidecode: { replay: (a) => dmidecodeReadArgs(a) !== undefined, saved: (n) => savedDmidecodeArgv(n) !== undefined, shape: dmidecodeShape },
    // A saved paste of the DMI attribute files (replayed, never run: the source reads /sys/class/dmi/id itself).
    grep: { replay: (a) => isDmiIdPasteArgv(['grep', ...a]), saved: namesDmi },
    head: { replay: (a) => isDmiIdPasteArgv(['head', ...a]), saved: namesDmi },
    // A saved `fwupdmgr get-devices` (text or --json; replayed, never run: it asks the fwupd daemon, which may probe devices).
    fwupdmgr: { replay: (a) => fwupdmgrReadArgs(a) !== undefined, saved: (n) => savedFwupdmgrArgv(n) !== undefined, shape: fwupdmgrShape },
    // `fwupdtool get-devices` saved: the same list, replayed as fwupdmgr's (never run: it probes the devices itself).
    fwupdtool: { replay: () => false, saved: (n) => savedFwupdmgrArgv(n) !== undefined },
    // A saved `efibootmgr` listing (replayed, never run: reading EFI variables is the efi part's, and its options write them).
    efibootmgr: { replay: (a) => efibootmgrReadArgs(a) !== undefined, saved: (n) => savedEfibootmgrArgv(n) !== undefined, shape: efibootmgrShape },
    tpm2_getcap: { run: (a) => (a.length === 1 && a[0] === 'properties-fixed') || (a.length === 2 && a[0] === '-c' && a[1] === 'properties-fixed') },
  },
};
