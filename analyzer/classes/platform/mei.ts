/**
 * `fw_ver` of an mei device: up to three lines `<platform>:<major>.<minor>.<hotfix>.<build>` (drivers/misc/mei/
 * main.c fw_ver_show) — the running firmware, then the recovery and the factory (FITC) images.
 */
export interface MeiFirmware {
  platform: number;
  version: string;
}

export function parseMeiFwVer(text: string): { versions: MeiFirmware[]; issues: { line: number; text: string }[] } {
  const versions: MeiFirmware[] = [];
  const issues: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^\s*(\d+):(\d+\.\d+\.\d+\.\d+)\s*$/.exec(line);
    if (m) versions.push({ platform: Number(m[1]), version: m[2]! });
    else issues.push({ line: i + 1, text: line });
  });
  return { versions, issues };
}

/** The component a mei device's fw_ver names: CSME (or TXE/SPS) on `mei`, the graphics system controller on `gsc`/`gscfi`. */
export function meiComponent(kind: string | undefined): string {
  return kind === 'gsc' || kind === 'gscfi' ? 'gsc' : 'csme';
}
