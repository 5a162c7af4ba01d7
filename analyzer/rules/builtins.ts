/** Imports every module that registers builtin checks (one line each). */
export {};
