import { performIoctl } from '../../../collector/host/live-reader.js';
import type { CommandReply, HostReader, HostStat, IoctlReply, ReadRequest } from '../../../collector/host/reader.js';
import { TreeReader } from '../../../collector/host/tree-reader.js';
import type { ReadOutcome } from '../../../collector/fs-reader.js';
import type { IoctlTransport } from '../../../collector/ioctl/transport.js';
import type { IoctlQuery } from '../../../collector/source.js';

/**
 * A fake live host: its files are a tree in the kernel's layout, its ioctls go to a fake kernel (which checks
 * the bytes sent), and it runs no command. What it returns is not marked as replayed.
 */
export class FakeHostReader implements HostReader {
  readonly captured = false;
  private readonly tree: TreeReader;
  private kernel?: IoctlTransport;

  constructor(root: string, private readonly transport: () => IoctlTransport, private readonly includeEeprom = false) {
    this.tree = new TreeReader(root);
  }

  list(path: string, skipped?: (name: string) => void): string[] {
    return this.tree.list(path, skipped);
  }
  stat(path: string): HostStat {
    return this.tree.stat(path);
  }
  readFile(path: string, req: ReadRequest): ReadOutcome {
    const { data, truncated } = this.tree.readFile(path, req);
    return { data, truncated };
  }
  readLink(path: string): string {
    return this.tree.readLink(path);
  }
  hasCommand(_tool: string): boolean {
    return false;
  }
  savedOutputs(): string[] {
    return [];
  }
  run(_argv: string[]): CommandReply {
    return { ran: false, problem: { code: 'ENOENT', message: 'the fake host runs no command' } };
  }
  ioctl(q: IoctlQuery): IoctlReply {
    this.kernel ??= this.transport();
    return performIoctl(this.kernel, q, this.includeEeprom);
  }
  close(): void {
    this.kernel?.close?.();
  }
}
