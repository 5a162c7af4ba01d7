/** Runs at most `parallel` of the functions handed to it at once; the others wait their turn in order. */
export function limiter(parallel: number): <T>(f: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <T>(f: () => Promise<T>): Promise<T> => {
    if (running >= parallel) await new Promise<void>((r) => queue.push(r));
    running++;
    try {
      return await f();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}
