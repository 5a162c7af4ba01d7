import { ParseError } from '../../parsers/errors.js';

export interface Scheduler {
  /** The elevator in use ('none' when the queue has none). */
  active: string;
  available: string[];
}

/** /sys/block/<disk>/queue/scheduler: "[mq-deadline] kyber none"; a lone name without brackets is the active one. */
export function parseScheduler(text: string): Scheduler {
  const tokens = text.trim().split(/\s+/).filter((t) => t !== '');
  if (tokens.length === 0) throw new ParseError('block-scheduler', 'empty scheduler attribute');
  const names = tokens.map((t) => t.replace(/^\[(.*)\]$/, '$1'));
  const activeAt = tokens.findIndex((t) => /^\[.+\]$/.test(t));
  if (activeAt < 0 && tokens.length > 1) throw new ParseError('block-scheduler', `no [active] scheduler in "${text.trim().slice(0, 80)}"`);
  return { active: names[activeAt < 0 ? 0 : activeAt]!, available: names };
}

export type QueueValue = string | number | boolean;

/** Attributes holding 0/1 flags. */
const FLAGS = new Set(['rotational', 'add_random', 'iostats', 'fua', 'dax', 'discard_zeroes_data', 'io_poll', 'stable_writes']);

/**
 * One /sys/block/<disk>/queue attribute as a typed value: 0/1 flags as booleans, the scheduler as its
 * active name, decimal integers as numbers, anything else (write_cache "write back", zoned "none") as text.
 */
export function parseQueueAttribute(name: string, text: string): QueueValue {
  const t = text.trim();
  if (name === 'scheduler') return parseScheduler(t).active;
  if (FLAGS.has(name) && (t === '0' || t === '1')) return t === '1';
  if (/^-?\d+$/.test(t) && Number.isSafeInteger(Number(t))) return Number(t);
  return t;
}
