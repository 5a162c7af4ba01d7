import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

/** Content of every file the collector must never open (BAR maps, resets, hot-plug triggers, raw disks). */
export const FORBIDDEN = 'FORBIDDEN: the collector must never open this file\n';

/**
 * A captured tree being written: host files in the kernel's own layout, and command outputs and ioctl
 * answers under the names a bundle uses (docs/bundle-format.md, "Collecting from a captured tree").
 */
export class FakeTree {
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  /** A host file, e.g. `sys/class/dmi/id/board_name`; sysfs text attributes end in a newline. */
  file(hostPath: string, data: string | Buffer): void {
    const p = join(this.root, hostPath);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, data);
  }

  /** Adds to a host file that lists many devices (/proc/cpuinfo). */
  append(hostPath: string, data: string): void {
    const p = join(this.root, hostPath);
    mkdirSync(dirname(p), { recursive: true });
    appendFileSync(p, data);
  }

  /** Text attributes of one sysfs directory, each with the newline sysfs adds. */
  attrs(dir: string, values: Readonly<Record<string, string>>): void {
    for (const [name, value] of Object.entries(values)) this.file(`${dir}/${name}`, `${value}\n`);
  }

  /**
   * A link at `hostPath` to the tree path `to`, relative as the kernel writes it: up to the target's parent, then
   * down to the target (a link to an ancestor reads `../../nvme0`, not `..`). Replaces what was there.
   */
  linkTo(hostPath: string, to: string): void {
    rmSync(join(this.root, hostPath), { recursive: true, force: true });
    this.link(hostPath, join(relative(dirname(hostPath), dirname(to)), basename(to)));
  }

  /** A symbolic link at `hostPath` with the kernel's relative target. */
  link(hostPath: string, target: string): void {
    const p = join(this.root, hostPath);
    mkdirSync(dirname(p), { recursive: true });
    symlinkSync(target, p);
  }

  /** A file written earlier (outputs shared by many devices are rewritten as devices are added), or undefined. */
  read(hostPath: string): string | undefined {
    const p = join(this.root, hostPath);
    return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
  }

  dir(hostPath: string): void {
    mkdirSync(join(this.root, hostPath), { recursive: true });
  }

  /** An ioctl answer as the bundle stores it: `ioctl/<class>/<device>/<what>.bin`. */
  ioctl(cls: string, device: string, what: string, data: Buffer, rc = 0): void {
    this.file(`ioctl/${cls}/${device}/${what}.bin`, data);
    if (rc !== 0) this.file(`ioctl/${cls}/${device}/${what}.status`, `${rc}\n`);
  }

  /** A command's output as the bundle stores it: `cmd/<tool>/<args joined by _, / as %2f>.out`. */
  command(tool: string, args: readonly string[], stdout: string, exitStatus = 0): void {
    const name = args.map((a) => a.replace(/\//g, '%2f')).join('_');
    this.file(`cmd/${tool}/${name}.out`, stdout);
    if (exitStatus !== 0) this.file(`cmd/${tool}/${name}.status`, `${exitStatus}\n`);
  }

  /** A class device (`/sys/class/<cls>/<name>`) below a PCI function, with its text attributes; returns its directory. */
  classDevice(pciDir: string, cls: string, name: string, attrs: Readonly<Record<string, string>>): string {
    const dir = `${pciDir}/${cls}/${name}`;
    this.linkTo(`sys/class/${cls}/${name}`, dir);
    this.linkTo(`${dir}/device`, pciDir);
    this.attrs(dir, attrs);
    return dir;
  }
}
