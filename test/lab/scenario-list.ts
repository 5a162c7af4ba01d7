import type { LabGuestStep } from './harness/guest-step.js';
import type { LabMachinePart } from './harness/machine-part.js';
import type { LabRun } from './lab-machine.js';
import { nvmeLabPart, nvmeScenario } from '../nvme/lab-scenario.js';
import { nicLabPart, e1000eScenario } from '../nic/lab-scenario.js';
import { netdevsimGuestStep, netdevsimScenario } from '../nic/netdevsim-lab.js';
import { nvmeCliCorpusScenario } from '../nvme/nvme-cli-lab.js';
import { pciLabPart, pciScenario } from '../pci/lab-scenario.js';
import { ataLabPart, ataScenario } from '../ata/lab-scenario.js';
import { scsiLabPart, scsiScenario } from '../scsi/lab-scenario.js';
import { platformLabPart, platformScenario } from '../platform/lab-scenario.js';
import { cxlLabPart, cxlScenario } from '../cxl/lab-scenario.js';
import { wholeHostScenario } from './scenarios/whole-host.js';
import { syscallScenario } from './scenarios/syscalls.js';
import { sosImportScenario } from './scenarios/sos-import.js';
import { ansibleScenario } from './scenarios/ansible.js';

/** A lab scenario: it declares vitest checks of what the one shared guest run (lab-machine.ts) produced. */
export type LabScenario = (lab: () => LabRun) => void;

/**
 * The lab's scenarios, in the order they report, one line each: a class's scenario lives in its test folder
 * (test/<class>/lab-scenario.ts), the whole-host ones here under scenarios/.
 */
export const LAB_SCENARIOS: readonly LabScenario[] = [
  nvmeScenario,
  nvmeCliCorpusScenario,
  e1000eScenario,
  netdevsimScenario,
  pciScenario,
  ataScenario,
  scsiScenario,
  platformScenario,
  cxlScenario,
  wholeHostScenario,
  syscallScenario,
  sosImportScenario,
  ansibleScenario,
];

/** What scenarios set up in the guest that is not a QEMU device (test/lab/harness/guest-step.ts), one line each. */
export const LAB_GUEST_STEPS: readonly LabGuestStep[] = [
  netdevsimGuestStep,
];

/**
 * The devices of the one lab machine and the reference tools run in it, one line per class
 * (test/<class>/lab-scenario.ts): composed in this order, so the root ports and controllers on the PCIe root keep the
 * addresses the scenarios expect, and the tools run in it.
 */
export const LAB_MACHINE_PARTS: readonly LabMachinePart[] = [
  nvmeLabPart,
  nicLabPart,
  ataLabPart,
  scsiLabPart,
  platformLabPart,
  cxlLabPart,
  pciLabPart,
];
