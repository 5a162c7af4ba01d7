import { SourceSkipped, type Source } from './source.js';

/**
 * A source made of parts (one per device kind or tool), run in order under the class's name. A part that has
 * nothing to read on this host skips alone and silently; the source is skipped only when every part skipped,
 * with their reasons. A part that fails does not stop the parts after it; the source then fails with the first
 * error.
 */
export function composeSource(name: string, description: string, parts: readonly Source[]): Source {
  return {
    name,
    description,
    async collect(ctx) {
      const skipped: string[] = [];
      let failure: unknown;
      for (const part of parts) {
        try {
          await part.collect(ctx);
        } catch (e) {
          if (e instanceof SourceSkipped) skipped.push(parts.length > 1 ? `${part.name}: ${e.reason}` : e.reason);
          else failure ??= e;
        }
      }
      if (failure !== undefined) throw failure;
      if (skipped.length === parts.length) ctx.skip(skipped.join('; '));
    },
  };
}
