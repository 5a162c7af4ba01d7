import type { IoctlQuery } from '../source.js';
import type { CommandReply, HostReader, HostStat, IoctlReply, ReadRequest, RunRequest } from '../host/reader.js';

/**
 * Reads of the live host that never reach a device: the kernel answers them from memory it already holds, or
 * they are files on disk. A source whose reads are all of these (and listings, stats and links, which only
 * walk the kernel's own sysfs/procfs tree) can run in the collector itself while the worker starts; anything
 * else — another file (a device's config space, VPD, an attribute whose driver asks the firmware), a command,
 * an ioctl — means the source runs in a worker instead, under its deadline, in a process fwsnap can abandon.
 */
export const PLAIN_FILES: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /^\/proc\/(cpuinfo|cmdline|modules)$/, why: "procfs text printed from the kernel's own tables" },
  { pattern: /^\/proc\/sys\/kernel\/(osrelease|version|hostname|arch|tainted)$/, why: 'kernel variables' },
  { pattern: /^\/dev\/kmsg$/, why: "the kernel's log buffer, read without consuming it" },
  { pattern: /^\/etc\/os-release$|^\/usr\/lib\/os-release$|^\/usr\/share\/(misc|hwdata)\/pci\.ids$/, why: 'files on disk' },
  { pattern: /^\/sys\/module\/[^/]+\/(version|srcversion|parameters\/[^/]+)$/, why: 'module versions and parameters: kernel variables' },
  { pattern: /^\/sys\/block\/[^/]+\/(queue\/)?[a-z0-9_]+$/, why: "the block layer's own state of a disk and its request queue (not device/)" },
  { pattern: /^\/sys\/bus\/pci\/devices\/[^/]+\/(vendor|device|class|subsystem_vendor|subsystem_device|revision)$/, why: 'IDs the PCI core read at enumeration and keeps' },
  { pattern: /^\/sys\/devices\/system\/cpu\/cpu\d+\/microcode\/(version|processor_flags)$/, why: 'what the kernel recorded when it loaded microcode' },
  { pattern: /^\/sys\/class\/dmi\/id\/[a-z_]+$/, why: 'SMBIOS strings copied at boot' },
  { pattern: /^\/sys\/firmware\/efi\/(fw_platform_size|systab)$/, why: 'the UEFI word size and table addresses the kernel noted at boot' },
];

export const isPlainRead = (path: string): boolean => PLAIN_FILES.some((p) => p.pattern.test(path));

/** Raised for any read that is not plain; the source is then run again in a worker. */
const notPlain = (what: string): Error => Object.assign(new Error(`${what} is not a plain read; left to a worker`), { code: 'ENOTPLAIN' });

/**
 * A live reader that does only plain reads. The first other request is refused and remembered (`needsWorker`):
 * whatever the source collected through this reader is then thrown away and the source run in a worker.
 */
export class PlainReader implements HostReader {
  readonly captured = false;
  needsWorker: string | undefined;

  constructor(private readonly live: HostReader) {}

  private refuse(what: string): never {
    this.needsWorker ??= what;
    throw notPlain(what);
  }

  // Once one read was refused, whatever the source collects is thrown away: every later request is refused at
  // once, so that the rest of the source runs through without touching the host (nic's attributes cost ~8 ms).
  list(path: string, skipped?: (name: string) => void): string[] {
    return this.needsWorker === undefined ? this.live.list(path, skipped) : this.refuse(path);
  }

  stat(path: string): HostStat {
    return this.needsWorker === undefined ? this.live.stat(path) : this.refuse(path);
  }

  readFile(path: string, req: ReadRequest) {
    return this.needsWorker === undefined && isPlainRead(path) ? this.live.readFile(path, req) : this.refuse(path);
  }

  readLink(path: string): string {
    return this.needsWorker === undefined ? this.live.readLink(path) : this.refuse(path);
  }

  hasCommand(tool: string): boolean {
    return this.live.hasCommand(tool);
  }

  savedOutputs(): string[] {
    return [];
  }

  run(argv: string[], _req: RunRequest): CommandReply {
    return this.refuse(argv.join(' '));
  }

  ioctl(q: IoctlQuery): IoctlReply | undefined {
    return this.refuse(`ioctl ${q.call.name}`);
  }

  close(): void {
    this.live.close();
  }
}
