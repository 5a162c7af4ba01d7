import type { ClassImports } from '../../source.js';

export const imports: ClassImports = {
  commands: { lsscsi: { kept: (a) => a.every((w) => /^-[a-zA-Z]+$/.test(w)) } },
  sosPlugins: ['scsi'],
  reportTools: ['lsscsi', 'sg_*'],
};
