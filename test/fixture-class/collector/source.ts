import type { CollectorClass, Source } from '../../../collector/source.js';

const WIDGETS = '/sys/class/widget';

export const source: Source = {
  name: 'widget',
  description: 'widgets: the firmware version each reports in sysfs',
  collect(ctx) {
    const names = ctx.listDir(WIDGETS) ?? [];
    if (names.length === 0) ctx.skip('no widgets on this host');
    for (const name of names) {
      ctx.device('widget', name);
      ctx.collectAttributes(`${WIDGETS}/${name}`, ['fw_version']);
    }
  },
};

export const widget: CollectorClass = { name: 'widget', sources: [source] };
