import type { LabDevice } from './qemu-args.js';
import { checkReferenceTools, type LabReferenceTools } from './reference-tools.js';

/** A guest file that must read so (its content, trimmed) before the reference tools run: a controller's state "live". */
export interface LabGuestFileReads {
  path: string;
  reads: string;
}

/**
 * What a class's lab scenario needs of the one guest (test/<class>/lab-scenario.ts), listed in test/lab/scenario-list.ts:
 * the lab machine boots with every part's devices, in list order, and the guest waits for every part's paths.
 */
export interface LabMachinePart {
  /** The QEMU devices it adds (root ports before the devices on them). */
  devices: readonly LabDevice[];
  /** Buses (/sys/bus/<name>) whose devices' modaliases the guest loads drivers for, as udev's coldplug would. */
  buses?: readonly string[];
  /** Guest paths that must exist (or files that must read so) before the reference tools and the collector run. */
  wait?: readonly (string | LabGuestFileReads)[];
  /** Guest modules to load that no modalias of those buses brings in (ACPI-enumerated devices, buses of their own). */
  modules?: readonly string[];
  /** The real tools its scenario compares fwsnap with, run in the guest (test/lab/harness/reference-tools.ts). */
  tools?: readonly LabReferenceTools[];
}

export interface LabMachine {
  devices: LabDevice[];
  buses: string[];
  /** "path" (must exist) or "path=text" (must read text): one word each, as the guest script's LAB_WAIT takes them. */
  wait: string[];
  modules: string[];
  tools: LabReferenceTools[];
}

/** A word of the guest's space-separated lists: no blank, nothing the shell would expand. */
function guestWord(what: string, s: string, forbidden: RegExp): string {
  if (s === '' || /\s/.test(s) || forbidden.test(s)) throw new Error(`lab machine: ${what} ${JSON.stringify(s)} cannot be passed to the guest as one word`);
  return s;
}

/**
 * Every part's devices, buses, paths, modules and reference tools, in list order (buses and modules once each); a
 * device id used twice is refused (qemuArgs also checks), as are reference tools the guest could not run as declared.
 */
export function composeMachine(parts: readonly LabMachinePart[]): LabMachine {
  const tools = parts.flatMap((p) => p.tools ?? []);
  checkReferenceTools(tools);
  const glob = /[*?[\]$`"'\\]/;
  return {
    devices: parts.flatMap((p) => p.devices),
    buses: [...new Set(parts.flatMap((p) => p.buses ?? []))].map((b) => guestWord('bus', b, /[/*?[\]$`"'\\]/)),
    wait: parts.flatMap((p) => p.wait ?? []).map((w) =>
      typeof w === 'string' ? guestWord('wait path', w, glob) : `${guestWord('wait path', w.path, /=|[*?[\]$`"'\\]/)}=${guestWord('content', w.reads, glob)}`),
    modules: [...new Set(parts.flatMap((p) => p.modules ?? []))].map((m) => guestWord('module', m, glob)),
    tools,
  };
}
