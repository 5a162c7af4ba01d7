import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import type { LabGuestStep } from '../lab/harness/guest-step.js';
import { buildOutOfTreeModule, findModuleBuildInputs, type OutOfTreeModule } from '../lab/harness/kernel-module.js';
import type { LabRun } from '../lab/lab-results.js';
import { tempDir } from '../helpers/tmp.js';

/** Debian builds its kernels with `# CONFIG_NETDEVSIM is not set`: the lab builds the module from linux-source. */
export const NETDEVSIM_MODULE: OutOfTreeModule = { name: 'netdevsim', folder: 'drivers/net/netdevsim', config: 'CONFIG_NETDEVSIM' };
/** `echo "10 1" > /sys/bus/netdevsim/new_device` in the guest (netdevsim-guest.sh): device 10 with one port. */
export const NETDEVSIM_HANDLE = 'netdevsim/netdevsim10';
const DEVICE_KEY = `devlink:${NETDEVSIM_HANDLE}`;
/** Unpacking the folder reads the whole 6.1 source tarball (~15 s), the build ~20 s on an idle core: bounded well above. */
const BUILD_TIMEOUT_MS = 240_000;
const GUEST_SCRIPT = fileURLToPath(new URL('./netdevsim-guest.sh', import.meta.url));
/** TAINT_OOT_MODULE (O) and TAINT_UNSIGNED_MODULE (E), include/linux/panic.h. */
const TAINT_OOT = 1 << 12;

/** Builds (or takes from the lab cache) netdevsim for the guest's kernel; the guest loads it and asks devlink. */
export const netdevsimGuestStep: LabGuestStep = {
  name: 'netdevsim',
  prepareMs: BUILD_TIMEOUT_MS,
  async prepare({ kernelVersion, cacheDir }) {
    const inputs = findModuleBuildInputs(kernelVersion);
    if ('missing' in inputs) return { unavailable: `netdevsim cannot be built for ${kernelVersion}; missing: ${inputs.missing.join('; ')}` };
    const ko = await buildOutOfTreeModule(NETDEVSIM_MODULE, kernelVersion, inputs, cacheDir, BUILD_TIMEOUT_MS);
    return { files: [ko], script: GUEST_SCRIPT };
  },
};

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const json = (lab: LabRun, tool: string): Record<string, Json> => JSON.parse(lab.tool(tool).toString('utf8')) as Record<string, Json>;
const obj = (v: Json | undefined): Record<string, Json> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {});
const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
/** The database keeps a boolean as 1/0 and every value as text; devlink's JSON has the typed value. */
const asStored = (v: Json): string => (v === true ? '1' : v === false ? '0' : String(v));

/** What a person reads off devlink's own JSON (parsed here by JSON.parse, not by fwsnap). */
function devlinkTruth(lab: LabRun) {
  const info = obj(obj(json(lab, 'devlink-dev-info-json').info)[NETDEVSIM_HANDLE]);
  const firmware = Object.entries(obj(info.versions)).flatMap(([state, versions]) =>
    Object.entries(obj(versions)).map(([component, version]) => `${state} ${component} ${String(version)}`));
  const params = list(obj(json(lab, 'devlink-dev-param-show-json').param)[NETDEVSIM_HANDLE]).map(obj).flatMap((p) => [
    `devlink.param-type ${String(p.name)} ${String(p.type)} current`,
    ...list(p.values).map(obj).map((v) => `devlink.param ${String(p.name)} ${asStored(v.value ?? null)} ${String(v.cmode)}`),
  ]);
  // devlink prints the grace period in milliseconds; fwsnap's key says the unit.
  const health = list(obj(json(lab, 'devlink-health-show-json').health)[NETDEVSIM_HANDLE]).map(obj).flatMap((r) =>
    Object.entries(r).filter(([k]) => k !== 'reporter').map(([k, v]) => `devlink.health ${String(r.reporter)}.${k === 'grace_period' ? 'grace_period_ms' : k} ${asStored(v)} current`));
  return { driver: info.driver, firmware: firmware.sort(), settings: [...params, ...health].sort() };
}

/** What fwsnap stored for the netdevsim device in the database of one bundle. */
async function stored(bundle: string) {
  const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
  try {
    const device = db.prepare('SELECT driver FROM devices WHERE device_key = ?').get(DEVICE_KEY) as { driver: string | null } | undefined;
    const firmware = (db.prepare('SELECT state, component, version FROM firmware WHERE device_key = ?').all(DEVICE_KEY) as { state: string; component: string; version: string }[])
      .map((f) => `${f.state} ${f.component} ${f.version}`);
    const settings = (db.prepare(`SELECT namespace, key, value, mode FROM settings WHERE device_key = ? AND namespace IN ('devlink.param', 'devlink.param-type', 'devlink.health')`).all(DEVICE_KEY) as { namespace: string; key: string; value: string | null; mode: string }[])
      .map((s) => `${s.namespace} ${s.key} ${s.value} ${s.mode}`);
    const unread = (db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).all() as { message: string }[]).map((i) => i.message);
    return { driver: device?.driver, firmware: firmware.sort(), settings: settings.sort(), unread };
  } finally {
    db.close();
  }
}

export function netdevsimScenario(lab: () => LabRun): void {
  describe('netdevsim: built out of tree from Debian\'s linux-source, devlink as reference', () => {
    const unavailable = (): string | undefined => lab().text('steps/netdevsim.unavailable')?.trim();
    /** In CI a host that cannot build the module fails; elsewhere the checks are skipped, saying why. */
    const ready = (ctx: { skip: (note?: string) => void }): void => {
      const why = unavailable();
      if (why && process.env.CI) throw new Error(`CI is set but ${why}`);
      if (why) {
        process.stderr.write(`fwsnap lab: netdevsim checks skipped: ${why}\n`);
        ctx.skip(why);
      }
      const status = lab().text('steps/netdevsim.status')?.trim();
      if (status !== '0') throw new Error(`the netdevsim step exited ${status ?? '(never ran)'} in the guest: ${lab().text('steps/netdevsim.log')?.trim()}`);
    };

    it('the module built for the guest\'s kernel has its vermagic and loads unsigned (no lockdown without secure boot; the kernel taints itself out-of-tree)', (ctx) => {
      ready(ctx);
      const vermagic = /^vermagic:\s+(\S+)/m.exec(lab().tool('netdevsim-modinfo').toString('utf8'))?.[1];
      expect(vermagic).toBe(lab().bundle().manifest?.host.kernelRelease);
      expect(Number(lab().tool('netdevsim-tainted').toString('utf8')) & TAINT_OOT, 'TAINT_OOT_MODULE').toBe(TAINT_OOT);
      expect(lab().tool('devlink-dev-show').toString('utf8').trim()).toBe(NETDEVSIM_HANDLE);
    });

    it('the bundle holds what the guest\'s devlink printed for each query, byte for byte', (ctx) => {
      ready(ctx);
      const b = lab().bundle();
      for (const [entry, tool] of [['dev_info', 'devlink-dev-info-json'], ['dev_param_show', 'devlink-dev-param-show-json'], ['health_show', 'devlink-health-show-json']] as const) {
        expect(b.get(`cmd/devlink/-j_${entry}.out`).toString('utf8'), entry).toBe(lab().tool(tool).toString('utf8'));
      }
    });

    it('analyze stores the driver, the versions by state, the params and the health reporters devlink -j printed, field by field', async (ctx) => {
      ready(ctx);
      const truth = devlinkTruth(lab());
      expect(truth.firmware.length).toBeGreaterThan(0);
      expect(truth.settings.filter((s) => s.startsWith('devlink.param ')).length).toBeGreaterThan(0);
      expect(truth.settings.filter((s) => s.startsWith('devlink.health ')).length).toBeGreaterThan(0);
      const got = await stored(join(lab().outDir, 'bundle.tar.gz'));
      expect({ driver: got.driver, firmware: got.firmware, settings: got.settings }).toEqual(truth);
      expect(got.unread).toEqual([]);
    }, 120_000);

    it('the text forms devlink printed, replayed with collect --root, are stored the same', async (ctx) => {
      ready(ctx);
      const tree = join(tempDir(), 'tree');
      mkdirSync(join(tree, 'cmd/devlink'), { recursive: true });
      for (const [saved, tool] of [['dev_info', 'devlink-dev-info'], ['dev_param_show', 'devlink-dev-param-show'], ['health_show', 'devlink-health-show']] as const) {
        writeFileSync(join(tree, `cmd/devlink/${saved}.out`), lab().tool(tool));
      }
      const bundle = join(tree, '..', 'text.tar.gz');
      await collect({ output: bundle, root: tree, isolation: 'inline' });
      const got = await stored(bundle);
      expect({ driver: got.driver, firmware: got.firmware, settings: got.settings }).toEqual(devlinkTruth(lab()));
      expect(got.unread).toEqual([]);
    }, 120_000);
  });
}
