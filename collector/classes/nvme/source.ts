import { NVME_ADMIN, NVME_NSID_ALL, logPageCdw10, nvmeAdminCall, type NvmeAdminCommand } from './admin-command.js';
import type { IoctlAnswer, Source, SourceContext } from '../../source.js';
import { replaySavedNvmeOutputs } from './saved.js';

const NVME = '/sys/class/nvme';
/** Write-only controller actions; never opened (their mode has no read bit either). */
const ACTIONS = ['reset_controller', 'rescan_controller', 'delete_controller'];
const NAMESPACE_ATTRIBUTES = ['nsid', 'size', 'wwid', 'nguid', 'uuid', 'eui'];
/** Identify Controller byte 265: APSTA, bit 0 = Autonomous Power State Transitions supported. */
const ID_CTRL_APSTA = 265;

const LOG_ERROR = 0x01;
const LOG_SMART = 0x02;
/** Identify Controller byte 262: ELPE, the Error Information log's entries less one (0's based). */
const ID_CTRL_ELPE = 262;
/** An Error Information log entry's size, and the most entries read (nvme-cli reads ELPE + 1 of them, at most 256). */
const ERROR_ENTRY = 64;
const ERROR_ENTRIES_MAX = 256;
const LOG_FW_SLOT = 0x03;
const FEATURE_POWER_MGMT = 0x02;
const FEATURE_APST = 0x0c;

/** One admin command on the controller node; a completion with an NVMe status is recorded as an issue. */
function admin(ctx: SourceContext, ctrl: string, what: string, cmd: NvmeAdminCommand, answer: 'arg' | 0): IoctlAnswer | undefined {
  const a = ctx.ioctl({ class: 'nvme', device: ctrl, what, call: nvmeAdminCall(`/dev/${ctrl}`, cmd), answer });
  if (a && a.rc > 0) {
    ctx.issue(`${ctrl}:${what}`, 'NVME_STATUS', `controller completed ${what} with status 0x${a.rc.toString(16)}; the stored answer is not valid data`);
    return undefined;
  }
  return a;
}

function collectAdmin(ctx: SourceContext, ctrl: string): void {
  const idCtrl = admin(ctx, ctrl, 'id-ctrl', { opcode: NVME_ADMIN.identify, cdw10: 0x01, dataLen: 4096 }, 0);
  admin(ctx, ctrl, 'fw-log', { opcode: NVME_ADMIN.getLogPage, nsid: NVME_NSID_ALL, cdw10: logPageCdw10(LOG_FW_SLOT, 512), dataLen: 512 }, 0);
  admin(ctx, ctrl, 'smart-log', { opcode: NVME_ADMIN.getLogPage, nsid: NVME_NSID_ALL, cdw10: logPageCdw10(LOG_SMART, 512), dataLen: 512 }, 0);
  if (idCtrl !== undefined && idCtrl.data.length > ID_CTRL_ELPE) {
    const bytes = Math.min(idCtrl.data[ID_CTRL_ELPE]! + 1, ERROR_ENTRIES_MAX) * ERROR_ENTRY;
    admin(ctx, ctrl, 'error-log', { opcode: NVME_ADMIN.getLogPage, nsid: NVME_NSID_ALL, cdw10: logPageCdw10(LOG_ERROR, bytes), dataLen: bytes }, 0);
  }
  // Current power state and workload hint come back in the completion's result dword (arg @68).
  admin(ctx, ctrl, 'feature-power-mgmt', { opcode: NVME_ADMIN.getFeatures, cdw10: FEATURE_POWER_MGMT, dataLen: 0 }, 'arg');
  const apstSupported = idCtrl !== undefined && idCtrl.data.length > ID_CTRL_APSTA && (idCtrl.data[ID_CTRL_APSTA]! & 1) === 1;
  if (apstSupported) {
    const apst = { opcode: NVME_ADMIN.getFeatures, cdw10: FEATURE_APST, dataLen: 256 };
    // The transition table is the data; whether APST is enabled (APSTE) is the result dword.
    admin(ctx, ctrl, 'feature-apst', apst, 0);
    admin(ctx, ctrl, 'feature-apst-result', apst, 'arg');
  }
}

export const source: Source = {
  name: 'nvme',
  description: 'NVMe controllers: sysfs attributes, Identify Controller, firmware slot, SMART and error information logs, power features; nvme-cli outputs saved in a captured tree',
  collect(ctx) {
    const controllers = (ctx.listDir(NVME) ?? []).filter((n) => /^nvme\d+$/.test(n));
    const saved = replaySavedNvmeOutputs(ctx);
    for (const ctrl of saved.filter((c) => !controllers.includes(c))) ctx.device('nvme', ctrl);
    if (controllers.length === 0 && saved.length === 0) ctx.skip(`no NVMe controllers under ${NVME}`);
    for (const ctrl of controllers) {
      ctx.device('nvme', ctrl);
      const dir = `${NVME}/${ctrl}`;
      ctx.collectAttributes(dir, undefined, ACTIONS);
      ctx.collectLink(`${dir}/device`);
      for (const ns of (ctx.listDir(dir) ?? []).filter((n) => /^nvme\d+(c\d+)?n\d+$/.test(n))) {
        ctx.collectAttributes(`${dir}/${ns}`, NAMESPACE_ATTRIBUTES);
      }
      collectAdmin(ctx, ctrl);
    }
  },
};
