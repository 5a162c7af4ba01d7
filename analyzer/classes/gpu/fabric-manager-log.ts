import type { ParseIssue } from './nvidia-smi-xml.js';

/**
 * The Fabric Manager's log (LOG_FILE_NAME of fabricmanager.cfg, /var/log/fabricmanager.log by default): entries
 * `[Feb 27 2025 15:10:02] [ERROR] [tid 12727] message`, some followed by lines of their own (an inband message's
 * payload) up to a blank line. The daemon's syslog form (`… nv-fabricmanager[3228]: message`, what a journal excerpt
 * pasted into a ticket holds) is read too.
 */
export interface FabricManagerLogEntry {
  line: number;
  /** `Feb 27 2025 15:10:02` as logged; absent in the syslog form. */
  time?: string;
  level?: string;
  message: string;
}

/** What the last start of the daemon in the log recorded (the whole log when no start is in it: a cut tail). */
export interface FabricManagerRun {
  /** "Fabric Manager version 535.54.03 is running with the following configuration options". */
  version?: string;
  /** The daemon refused the loaded driver: "… driver interface version X don't match with driver version Y". */
  driverRefused?: { interfaceVersion: string; driverVersion: string; entry: FabricManagerLogEntry };
  /** "detected number of NVSwitches don't match with any supported system topology, aborting fabric manager". */
  topologyRefused?: FabricManagerLogEntry;
  /** "detected NVSwitch fatal error 20034 on fid 0 on NVSwitch pci bus id … physical id 3 port 33". */
  nvswitchFatal: { sxid: number; entry: FabricManagerLogEntry }[];
  nvswitchNonFatal: { sxid: number; entry: FabricManagerLogEntry }[];
  /** "Successfully configured all the available GPUs and NVSwitches …". */
  configured: boolean;
}

export interface FabricManagerLog {
  entries: number;
  /** Starts of the daemon in the log. */
  starts: number;
  run: FabricManagerRun;
  issues: ParseIssue[];
}

const FILE_ENTRY = /^\[([A-Z][a-z]{2} +\d{1,2} \d{4} \d{2}:\d{2}:\d{2})\] \[([A-Z]+)\] (?:\[tid \d+\] ?)?(.*)$/;
const SYSLOG_ENTRY = /\bnv-fabricmanager\[\d+\]: (.*)$/;
/** The first line of a log file the daemon opens (`IMEX Log initializing at: 8/8/2025 14:23:12.081` is the same logger's). */
const LOG_HEADER = /^[\w ]*Log initializing at: /;
const START = /^Fabric Manager version (\S+) is running with the following configuration options/;
// Worded "don't", "doesn't", "don’t" across releases; "with (the) driver version".
const DRIVER_REFUSED = /driver interface version (\S+?) (?:don't|doesn't|don’t|do not|does not) match with (?:the )?driver version (\S+?)\.?(?:\s|$)/;
const TOPOLOGY_REFUSED = /don't match with any supported system topology/;
const NVSWITCH_FATAL = /\bdetected NVSwitch fatal error (\d+)\b/;
const NVSWITCH_NON_FATAL = /\bdetected NVSwitch non-fatal error (\d+)\b/;
const CONFIGURED = /^Successfully configured all the available (?:GPUs and )?NVSwitches\b/;

const newRun = (): FabricManagerRun => ({ nvswitchFatal: [], nvswitchNonFatal: [], configured: false });

export function parseFabricManagerLog(text: string): FabricManagerLog {
  const out: FabricManagerLog = { entries: 0, starts: 0, run: newRun(), issues: [] };
  /** Inside a file-form entry's own lines (until a blank line): a line that is no entry belongs to it. */
  let inEntry = false;
  text.split('\n').forEach((raw, i) => {
    const l = raw.replace(/\r$/, '').trimEnd();
    if (!l.trim()) {
      inEntry = false;
      return;
    }
    const file = FILE_ENTRY.exec(l);
    const syslog = file ? undefined : SYSLOG_ENTRY.exec(l);
    if (!file && !syslog) {
      if (inEntry || LOG_HEADER.test(l)) return;
      out.issues.push({ line: i + 1, text: l, message: i === 0 ? 'not a Fabric Manager log entry (the first line of a log kept from its end is often cut)' : 'not a Fabric Manager log entry' });
      return;
    }
    // A journal line carries its own prefix: only the file form continues on lines of its own.
    inEntry = file !== null;
    out.entries++;
    const entry: FabricManagerLogEntry = file ? { line: i + 1, time: file[1]!, level: file[2]!, message: file[3]! } : { line: i + 1, message: syslog![1]! };
    record(out, entry);
  });
  return out;
}

function record(out: FabricManagerLog, e: FabricManagerLogEntry): void {
  const start = START.exec(e.message);
  if (start) {
    out.starts++;
    out.run = { ...newRun(), version: start[1]! };
    return;
  }
  const run = out.run;
  const refused = DRIVER_REFUSED.exec(e.message);
  if (refused) run.driverRefused = { interfaceVersion: refused[1]!, driverVersion: refused[2]!, entry: e };
  else if (TOPOLOGY_REFUSED.test(e.message)) run.topologyRefused = e;
  else if (CONFIGURED.test(e.message)) run.configured = true;
  else {
    const fatal = NVSWITCH_FATAL.exec(e.message);
    if (fatal) run.nvswitchFatal.push({ sxid: Number(fatal[1]), entry: e });
    const nonFatal = NVSWITCH_NON_FATAL.exec(e.message);
    if (nonFatal) run.nvswitchNonFatal.push({ sxid: Number(nonFatal[1]), entry: e });
  }
}
