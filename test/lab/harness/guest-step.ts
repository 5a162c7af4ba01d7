import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** What a guest step gets to prepare on the host before the guest boots. */
export interface GuestStepContext {
  kernelVersion: string;
  cacheDir: string;
}

/**
 * A step's plan: the host files the guest gets (under steps/<name>/ of the result share) and the bash script it runs
 * there before the reference tools (test/lab/guest/scenario.sh), or why the step cannot run on this host.
 */
export type GuestStepPlan = { files: readonly string[]; script: string } | { unavailable: string };

/**
 * Something a scenario sets up in the guest that is not a QEMU device: an out-of-tree module loaded, a simulated
 * device created. Its script runs with LAB_STEP_DIR (its files) and the scenario script's `tool` function.
 */
export interface LabGuestStep {
  /** Names its files in the result share: steps/<name>.sh, steps/<name>/, steps/<name>.status|.log|.unavailable. */
  name: string;
  /** The longest its preparation on the host may take (a module build); the lab's setup is allowed that much more. */
  prepareMs: number;
  prepare(ctx: GuestStepContext): Promise<GuestStepPlan>;
}

/** Prepares every step and puts its files and script in the result share; a step that cannot run says why there. */
export async function stageGuestSteps(steps: readonly LabGuestStep[], ctx: GuestStepContext, outDir: string): Promise<void> {
  const dir = join(outDir, 'steps');
  mkdirSync(dir, { recursive: true });
  for (const step of steps) {
    let plan: GuestStepPlan;
    try {
      plan = await step.prepare(ctx);
    } catch (e) {
      plan = { unavailable: (e as Error).message };
    }
    if ('unavailable' in plan) {
      writeFileSync(join(dir, `${step.name}.unavailable`), `${plan.unavailable}\n`);
      continue;
    }
    mkdirSync(join(dir, step.name), { recursive: true });
    for (const f of plan.files) copyFileSync(f, join(dir, step.name, basename(f)));
    copyFileSync(plan.script, join(dir, `${step.name}.sh`));
  }
}

/** The longest the steps' preparation may take in all. */
export function guestStepsPrepareMs(steps: readonly LabGuestStep[]): number {
  return steps.reduce((n, s) => n + s.prepareMs, 0);
}
