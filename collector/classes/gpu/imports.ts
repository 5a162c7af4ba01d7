import type { ClassImports } from '../../source.js';

export const imports: ClassImports = {
  commands: { 'nvidia-smi': { readFromTree: true } },
  hostFiles: [/^proc\/driver\/nvidia\/version$/, /^proc\/driver\/nvidia\/gpus\/[^/]+\/information$/],
  sosPlugins: ['nvidia'],
  reportTools: ['nvidia-smi'],
};
