import type { ClassFacts } from '../../../analyzer/facts/types.js';
import { instances } from '../../../analyzer/load/loader-util.js';
import type { AnalyzerClass, ClassLoader } from '../../../analyzer/load/types.js';

const WIDGET = /^sys\/class\/widget\/([^/]+)\/fw_version$/;

const widgetLoader: ClassLoader = {
  name: 'widget',
  load(ctx) {
    for (const name of instances(ctx, WIDGET)) {
      const artifact = `sys/class/widget/${name}/fw_version`;
      ctx.sink.device({ key: `widget:${name}`, class: 'widget' });
      const version = ctx.text(artifact)?.trim();
      if (version) ctx.sink.firmware({ deviceKey: `widget:${name}`, component: 'firmware', version, state: 'running', scheme: 'semver', artifact });
    }
  },
};

const widgetFacts: ClassFacts = {
  name: 'widget',
  doc: 'Widgets: the firmware version each reports.',
  devices: [{ class: 'widget', key: 'widget:<name>', doc: 'one per sys/class/widget entry' }],
  firmware: [{ devices: ['widget'], component: 'firmware', states: ['running'], scheme: 'semver', doc: 'fw_version' }],
  settings: [],
};

export const widget: AnalyzerClass = { name: 'widget', loaders: [widgetLoader], facts: [widgetFacts] };
