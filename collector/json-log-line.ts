/** Outputs captured inside a JSON log line (`{"msg": "…\n…"}`), as log shippers and CI runners store them. */

/** An output that lives inside a JSON string: more `\n` escapes than real line ends. */
function decodeJsonEscaped(raw: string): string | undefined {
  const escaped = raw.match(/\\n/g)?.length ?? 0;
  const real = raw.match(/\n/g)?.length ?? 0;
  if (escaped < 2 || escaped <= real) return undefined;
  let best: string | undefined;
  let bestCount = 0;
  for (const m of raw.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
    const count = m[1]!.match(/\\n/g)?.length ?? 0;
    if (count <= bestCount) continue;
    try {
      best = JSON.parse(`"${m[1]!}"`) as string;
      bestCount = count;
    } catch {
      // Not a valid JSON string literal; try the next one.
    }
  }
  if (best !== undefined) return best;
  // An unquoted escaped dump (copied from a log viewer): undo the common escapes only.
  return raw.replace(/\\r\\n|\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
}

/** An output found escaped inside a JSON log line, decoded; a log line quoting a log line is undone level by level (a few at most). */
export function decodeJsonLogLine(raw: string): string | undefined {
  let text: string | undefined;
  for (let depth = 0; depth < 3; depth++) {
    const decoded = decodeJsonEscaped(text ?? raw);
    if (decoded === undefined) break;
    text = decoded;
  }
  return text;
}
