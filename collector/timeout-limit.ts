/** Node timers hold at most 2^31-1 ms, and a source may run 6 × --timeout in all. */
export const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 6 / 1000);

/** Node timers count whole milliseconds: a shorter --timeout would be every source timing out at once, with no read. */
export const MIN_TIMEOUT_SECONDS = 0.001;
