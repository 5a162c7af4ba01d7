/**
 * One saved file holding the same nvme-cli output of several controllers, one after another: a loop typed at a shell
 * (`for d in /dev/nvme[0-9]; do nvme smart-log $d; done`), each output under nvme-cli's own heading naming its node, or a
 * person's heading line naming only the node (`-- nvme0 --`, `### /dev/nvme1`, `==> nvme1 <==`).
 */
import { controllerOf } from './nodes.js';

/** nvme-cli's heading of an output, naming the node it was run on (`Smart Log for NVME device:nvme0 namespace-id:ffffffff`). */
const TOOL_HEADING = /\bfor (?:NVME )?device:\s*((?:nvme|ng)\d+(?:c\d+)?(?:n\d+(?:p\d+)?)?)\b/i;
/** A line that names a node and nothing else, between marks a person or a shell loop put around it. */
const PERSON_HEADING = /^[\s>#*=\-~<:[\](){}|_`'"]*(?:\/?dev\/)?(nvme\d+(?:c\d+)?(?:n\d+)?)[\s#*=\-~<>:[\](){}|_`'"]*$/;

interface Section {
  controller: string;
  /** First and one past the last line of the section (0-based). */
  from: number;
  to: number;
  /** The line of a person's heading, which is no line of the output. */
  heading?: number;
}

/** The controller each line's section is about; sections only when the file holds those of two controllers or more. */
export function nodeSections(text: string): Section[] {
  const lines = text.split('\n');
  const out: Section[] = [];
  let openedByPerson = false;
  lines.forEach((line, i) => {
    const personNode = PERSON_HEADING.exec(line)?.[1];
    const person = personNode && controllerOf(personNode);
    const toolNode = person ? undefined : TOOL_HEADING.exec(line)?.[1];
    const tool = toolNode && controllerOf(toolNode);
    const last = out.at(-1);
    if (person) {
      if (last) last.to = i;
      out.push({ controller: person, from: i, to: lines.length, heading: i });
      openedByPerson = true;
    } else if (tool) {
      // The tool's heading right under a person's heading of the same controller is that section's.
      if (last && openedByPerson && last.controller === tool) {
        openedByPerson = false;
        return;
      }
      if (last) last.to = i;
      out.push({ controller: tool, from: i, to: lines.length });
      openedByPerson = false;
    }
  });
  return new Set(out.map((s) => s.controller)).size >= 2 ? out : [];
}

/** The controllers a file holds sections of, in order; none when it holds one controller's output (or names none). */
export const sectionControllers = (text: string): string[] => [...new Set(nodeSections(text).map((s) => s.controller))];

/**
 * The file as one controller's output: the lines of the other controllers' sections and the person's headings are
 * blank (so each line keeps its number); the lines before the first section go with the first section's controller.
 * A file of one controller is returned as it is.
 */
export function controllerSection(text: string, controller: string): string {
  const sections = nodeSections(text);
  if (sections.length === 0) return text;
  const lines = text.split('\n');
  const keep = new Array<boolean>(lines.length).fill(false);
  if (sections[0]!.controller === controller) keep.fill(true, 0, sections[0]!.from);
  for (const s of sections.filter((x) => x.controller === controller)) {
    keep.fill(true, s.from, s.to);
    if (s.heading !== undefined) keep[s.heading] = false;
  }
  return lines.map((l, i) => (keep[i] ? l : l.endsWith('\r') ? '\r' : '')).join('\n');
}
