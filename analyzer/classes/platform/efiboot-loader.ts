import { recordLineIssues } from '../../load/loader-util.js';
import type { LoadContext } from '../../load/types.js';
import { parseEfibootmgr } from './efibootmgr.js';

/** Saved `efibootmgr` outputs, `-v` (with the device paths) before the bare listing. */
const EFIBOOTMGR = /^cmd\/efibootmgr\/(?:-v|_)\.out$/;

/** The UEFI boot manager's variables a saved efibootmgr lists, as settings of the platform (docs/facts.md, efi-boot). */
export function loadEfiBoot(ctx: LoadContext): void {
  for (const name of ctx.names(EFIBOOTMGR).sort()) {
    const boot = ctx.parse(name, 'efibootmgr', (d) => parseEfibootmgr(d.toString('utf8')));
    if (!boot) continue;
    recordLineIssues(ctx, name, 'efibootmgr', boot.issues);
    if (boot.bootCurrent === undefined && boot.bootOrder === undefined && !boot.options.length) continue;
    // A tree with only saved outputs has read no DMI: the boot manager's variables are still the machine's.
    if (!ctx.devices().some((d) => d.key === 'platform')) ctx.sink.device({ key: 'platform', class: 'platform', model: null });
    const set = (key: string, value: string | number | boolean | undefined): void => {
      if (value !== undefined) ctx.sink.setting({ deviceKey: 'platform', namespace: 'efi-boot', key, value, mode: 'current', artifact: name });
    };
    set('boot_current', boot.bootCurrent);
    set('boot_current_label', boot.options.find((o) => o.name === `Boot${boot.bootCurrent}`)?.label);
    set('boot_next', boot.bootNext);
    set('timeout', boot.timeout);
    set('boot_order', boot.bootOrder?.join(','));
    for (const o of boot.options) {
      set(`${o.name}.label`, o.label);
      set(`${o.name}.active`, o.active);
      set(`${o.name}.path`, o.path);
      set(`${o.name}.file`, o.file);
    }
    return;
  }
}
