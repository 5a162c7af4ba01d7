/**
 * A synthetic fleet: N varied hosts (server models with their BIOS, ConnectX adapters with firmware, PSID, NV
 * configuration and PCIe link, NVMe and SATA drives, CPUs with their microcode, kernel module parameters),
 * deterministic from a seed, some with planted problems (an outdated BIOS, adapter or drive firmware on one host
 * among identical ones, another NV setting, a narrower link, a module parameter set differently).
 * Each kind of device is its class's fleet part (test/<class>/fleet-part.ts, registered in test/fleet/fleet-parts.ts).
 * Each distinct host (its plan but for the hostname) is rendered as a captured tree by the fake-host builder
 * (collector/fake-host) and collected with the real collector (`collect --root`, in process). Hosts that differ
 * from one already collected only by their name get that bundle with the name rewritten and the bundle written
 * again by the bundle writer (rehost.ts): what collecting their own tree would give (a test compares the two).
 * 10,000 hosts of seed 1 are 812 distinct ones.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect } from '../../collector/collect.js';
import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import { buildFakeHost } from '../../collector/fake-host/builder.js';
import { FLEET_PARTS } from '../../test/fleet/fleet-parts.js';
import type { FleetDraw } from './host-part.js';
import { rehostBundle } from './rehost.js';

/** What was planted in one host: the fleet rules must find exactly these. */
export interface HostPlan {
  hostname: string;
  server: string;
  bios: string;
  /** Planted differences from the fleet's usual values, by kind. */
  problems: string[];
  devices: RuleTestDevice[];
}

/** mulberry32: a small deterministic generator (the same seed gives the same fleet on every machine). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The plan of host `i` of a fleet: what its tree will hold (each part adds its devices, in registration order). */
export function planHost(seed: number, i: number): HostPlan {
  const r = random(seed * 1_000_003 + i);
  const hostname = `node-${String(i + 1).padStart(5, '0')}`;
  const problems: string[] = [];
  const draw: FleetDraw = {
    r,
    pick: (xs) => xs[Math.floor(r() * xs.length)]!,
    odd: (p, what) => {
      const yes = r() < p;
      if (yes) problems.push(what);
      return yes;
    },
    generation: i % 7 === 6 ? 2 : i % 3 === 2 ? 1 : 0,
  };
  const devices = FLEET_PARTS.flatMap((part) => part.devices(draw));
  const { server, bios } = FLEET_PARTS.find((part) => part.server)!.server!(devices);
  return { hostname, server, bios, problems, devices };
}

/** Hosts with equal keys differ only by their name. */
const planKey = (p: HostPlan): string => JSON.stringify({ ...p, hostname: '' });

/** A draw that plants nothing: which device classes a host-wide part makes. */
const STEADY: FleetDraw = { r: () => 0, pick: (xs) => xs[0]!, odd: () => false, generation: 0 };

const bundleOf = (dir: string, hostname: string): string => join(dir, 'bundles', `${hostname}.tar.gz`);

/** Renders host `plan` as a captured tree under dir/tree and collects it into its bundle. */
async function renderAndCollect(dir: string, plan: HostPlan): Promise<void> {
  const root = join(dir, 'tree', plan.hostname);
  rmSync(root, { recursive: true, force: true });
  const hostWideClasses = new Set(FLEET_PARTS.filter((part) => part.hostWide).flatMap((part) => part.devices(STEADY).map((d) => d.class)));
  const hostWide = plan.devices.filter((d) => hostWideClasses.has(d.class));
  buildFakeHost(root, hostWide, [plan.devices.filter((d) => !hostWide.includes(d))]);
  writeFileSync(join(root, 'proc/sys/kernel/hostname'), `${plan.hostname}\n`);
  await collect({ root, output: bundleOf(dir, plan.hostname), isolation: 'inline', only: [...new Set(FLEET_PARTS.flatMap((part) => part.sources))] });
  rmSync(root, { recursive: true, force: true });
}

export interface GenerateOptions {
  n: number;
  seed: number;
  dir: string;
  /** Hosts before this one already have their bundles in dir/bundles (an earlier, smaller run). */
  from?: number;
  /** Render and collect every host, even those that differ from an earlier one only by name (tests). */
  renderAll?: boolean;
}

/** Bundles of hosts [from, n) of a fleet in dir/bundles/<hostname>.tar.gz; `rendered` counts the trees collected. */
export async function generateFleet(o: GenerateOptions): Promise<{ bundles: string[]; plans: HostPlan[]; rendered: number }> {
  mkdirSync(join(o.dir, 'bundles'), { recursive: true });
  const from = o.from ?? 0;
  // The first host of each distinct plan, whose bundle the others copy: hosts kept from an earlier run count.
  const firsts = new Map<string, string>();
  for (let i = 0; i < from; i++) {
    const p = planHost(o.seed, i);
    if (!firsts.has(planKey(p))) firsts.set(planKey(p), p.hostname);
  }
  const bundles: string[] = [];
  const plans: HostPlan[] = [];
  let rendered = 0;
  for (let i = from; i < o.n; i++) {
    const plan = planHost(o.seed, i);
    const first = o.renderAll ? undefined : firsts.get(planKey(plan));
    if (first) {
      await rehostBundle(bundleOf(o.dir, first), first, plan.hostname, bundleOf(o.dir, plan.hostname));
    } else {
      await renderAndCollect(o.dir, plan);
      firsts.set(planKey(plan), plan.hostname);
      rendered++;
    }
    bundles.push(bundleOf(o.dir, plan.hostname));
    plans.push(plan);
  }
  rmSync(join(o.dir, 'tree'), { recursive: true, force: true });
  return { bundles, plans, rendered };
}
