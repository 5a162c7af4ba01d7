/** Imports every module that registers builtin checks (one line each). */
import '../mlx/builtins.js';
