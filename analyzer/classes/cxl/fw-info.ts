import { ParseError } from '../../parsers/errors.js';

/** The Get FW Info output payload (CXL 3.0 8.2.9.3.1, opcode 0200h): 0x50 bytes. */
export const FW_INFO_SIZE = 0x50;
const SLOT_REVISION_AT = 0x10;
const SLOT_REVISION_SIZE = 0x10;
const MAX_SLOTS = 4;

export interface CxlFwInfo {
  /** FW Slots Supported (byte 0). */
  numSlots: number;
  /** FW Slot Info bits 2:0: the slot whose firmware runs. */
  activeSlot: number;
  /** FW Slot Info bits 5:3: the slot activated at the next cold reset; 0 when none is staged. */
  stagedSlot: number;
  /** FW Activation Capabilities bit 0: online firmware activation. */
  onlineActivateCapable: boolean;
  /** slot number → the revision it holds (slots with an empty revision left out). */
  slots: Map<number, string>;
  /** What does not follow the spec, each said once (the payload is still read). */
  issues: string[];
}

/** A slot's FW Revision: 16 ASCII bytes, NUL-padded; undefined when empty, an issue when not printable. */
function revision(b: Buffer, slot: number, issues: string[]): string | undefined {
  const raw = b.subarray(SLOT_REVISION_AT + (slot - 1) * SLOT_REVISION_SIZE, SLOT_REVISION_AT + slot * SLOT_REVISION_SIZE);
  const end = raw.indexOf(0);
  const bytes = end < 0 ? raw : raw.subarray(0, end);
  if (bytes.some((c) => c < 0x20 || c > 0x7e)) {
    issues.push(`slot ${slot} revision is not printable ASCII (${raw.toString('hex')})`);
    return undefined;
  }
  const text = bytes.toString('latin1').trim();
  return text === '' ? undefined : text;
}

/**
 * The Get FW Info answer as the CXL_MEM_SEND_COMMAND ioctl stored it. A short payload is an error; slot numbers
 * outside 1..slots supported, and revisions of slots the device does not have, are issues.
 */
export function parseFwInfo(b: Buffer): CxlFwInfo {
  if (b.length < FW_INFO_SIZE) throw new ParseError('cxl-fw-info', `${b.length} bytes; Get FW Info answers ${FW_INFO_SIZE}`);
  const issues: string[] = [];
  const numSlots = b[0]!;
  const info = b[1]!;
  const activeSlot = info & 0x7;
  const stagedSlot = (info >> 3) & 0x7;
  if (numSlots < 1 || numSlots > MAX_SLOTS) issues.push(`FW Slots Supported is ${numSlots}; the payload has revisions for 1 to ${MAX_SLOTS}`);
  const valid = Math.min(Math.max(numSlots, 1), MAX_SLOTS);
  if (activeSlot < 1 || activeSlot > valid) issues.push(`active slot ${activeSlot} is not one of the ${numSlots} slots`);
  if (stagedSlot > valid) issues.push(`staged slot ${stagedSlot} is not one of the ${numSlots} slots`);
  const slots = new Map<number, string>();
  for (let slot = 1; slot <= MAX_SLOTS; slot++) {
    const r = revision(b, slot, issues);
    if (r === undefined) continue;
    if (slot > valid) issues.push(`slot ${slot} holds "${r}" but the device has ${numSlots} slots`);
    else slots.set(slot, r);
  }
  return { numSlots, activeSlot, stagedSlot, onlineActivateCapable: (b[2]! & 1) === 1, slots, issues };
}
