import type { RuleTestDevice } from '../../analyzer/rules/types.js';

/** What a fleet part draws from for one host: the host's deterministic generator and its hardware generation. */
export interface FleetDraw {
  /** The next number in [0, 1) of the host's generator; parts draw in registration order, so plans stay the same. */
  r: () => number;
  pick: <T>(xs: readonly T[]) => T;
  /** True with probability p; a true draw plants a problem named `what` that the fleet rules must find. */
  odd: (p: number, what: string) => boolean;
  /** 0, 1 or 2: which server generation the host is (one of three models, their drives and CPUs alike). */
  generation: number;
}

/**
 * One kind of device a synthetic fleet host holds, contributed by its class (test/<class>/fleet-part.ts, registered
 * in test/fleet/fleet-parts.ts): the sources that collect it and the devices it adds to a host.
 */
export interface FleetHostPart {
  sources: readonly string[];
  /** Host-wide devices (the platform, the kernel) are rendered once per tree, not as a device group. */
  hostWide?: boolean;
  devices(d: FleetDraw): RuleTestDevice[];
  /** The host's model, `vendor product`, and its BIOS version (from the part that knows the server). */
  server?(devices: readonly RuleTestDevice[]): { server: string; bios: string };
}

const MODULES = [
  { module: 'nvme_core', param: 'default_ps_max_latency_us', usual: '100000', odd: '0' },
  { module: 'i40e', param: 'debug', usual: '-1', odd: '7' },
];

/** Kernel module parameters (core's kernel facts, no class's): one set differently on a few hosts. */
export const kernelFleetPart: FleetHostPart = {
  sources: [],
  hostWide: true,
  devices: ({ odd }) => [
    {
      key: 'kernel',
      class: 'kernel',
      settings: MODULES.map((m) => ({ namespace: `module:${m.module}`, key: m.param, value: odd(0.03, `module ${m.module}.${m.param}`) ? m.odd : m.usual, mode: 'runtime' })),
    },
  ],
};
