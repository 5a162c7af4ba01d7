/** The errno code (`ELOOP`, `ENOENT`, …) a call throws, or undefined when it returns. */
export function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code;
  }
}
