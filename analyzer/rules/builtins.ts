/** Imports every module that registers builtin checks (one line each). */
import '../classes/mlx5/builtins.js';
