import {
  DRVINFO,
  ETH_GSTRING_LEN,
  ETH_SS_FEATURES,
  ETH_SS_PRIV_FLAGS,
  ETHTOOL,
  ETHTOOL_SIZE,
  LINK_SETTINGS_NWORDS_OFFSET,
  MAX_ADDR_LEN,
  ethtoolBuffer,
  ethtoolCall,
} from './ethtool-ioctl.js';
import type { SourceContext } from '../../source.js';

/** Larger register dumps or EEPROMs than this are not requested (no driver comes close). */
const MAX_DUMP_BYTES = 16 * 1024 * 1024;

/** One ethtool command on one interface; stores the command struct as the kernel returned it. */
function ethtool(ctx: SourceContext, ifname: string, what: string, cmd: Buffer): Buffer | undefined {
  const answer = ctx.ioctl({ class: 'net', device: ifname, what, call: ethtoolCall(ifname, cmd), answer: 0 });
  if (!answer) return undefined;
  if (answer.data.length < cmd.length) {
    ctx.issue(`${ifname}:${what}`, 'ESHORT', `${what} answer has ${answer.data.length} bytes, expected ${cmd.length}`);
    return undefined;
  }
  return answer.data;
}

/** Every ethtool ioctl answer of one interface; failures are recorded by the context and skipped. */
export function collectEthtool(ctx: SourceContext, ifname: string): void {
  const drvinfo = ethtool(ctx, ifname, 'drvinfo', ethtoolBuffer(ETHTOOL.GDRVINFO, ETHTOOL_SIZE.drvinfo));
  if (drvinfo) collectRegs(ctx, ifname, drvinfo.readUInt32LE(DRVINFO.regdumpLen));

  const privFlags = stringSet(ctx, ifname, ETH_SS_PRIV_FLAGS, 'priv-flags');
  if (privFlags > 0) ethtool(ctx, ifname, 'pflags', ethtoolBuffer(ETHTOOL.GPFLAGS, ETHTOOL_SIZE.value));

  ethtool(ctx, ifname, 'ringparam', ethtoolBuffer(ETHTOOL.GRINGPARAM, ETHTOOL_SIZE.ringparam));
  ethtool(ctx, ifname, 'channels', ethtoolBuffer(ETHTOOL.GCHANNELS, ETHTOOL_SIZE.channels));
  ethtool(ctx, ifname, 'coalesce', ethtoolBuffer(ETHTOOL.GCOALESCE, ETHTOOL_SIZE.coalesce));
  ethtool(ctx, ifname, 'pauseparam', ethtoolBuffer(ETHTOOL.GPAUSEPARAM, ETHTOOL_SIZE.pauseparam));
  ethtool(ctx, ifname, 'fecparam', ethtoolBuffer(ETHTOOL.GFECPARAM, ETHTOOL_SIZE.fecparam));
  collectLinkSettings(ctx, ifname);

  const permaddr = ethtoolBuffer(ETHTOOL.GPERMADDR, ETHTOOL_SIZE.permAddrHeader + MAX_ADDR_LEN);
  permaddr.writeUInt32LE(MAX_ADDR_LEN, 4);
  ethtool(ctx, ifname, 'permaddr', permaddr);

  collectFeatures(ctx, ifname);
  if (ctx.includeEeprom) collectEeprom(ctx, ifname, drvinfo ? drvinfo.readUInt32LE(DRVINFO.eedumpLen) : 0);
}

/** GREGS sized from drvinfo.regdump_len; the stored struct keeps the driver's dump version. */
function collectRegs(ctx: SourceContext, ifname: string, regdumpLen: number): void {
  if (regdumpLen === 0) return;
  if (regdumpLen > MAX_DUMP_BYTES) {
    ctx.issue(`${ifname}:regs`, 'EFBIG', `register dump of ${regdumpLen} bytes not requested (limit ${MAX_DUMP_BYTES})`);
    return;
  }
  const regs = ethtoolBuffer(ETHTOOL.GREGS, ETHTOOL_SIZE.regsHeader + regdumpLen);
  regs.writeUInt32LE(regdumpLen, 8);
  ethtool(ctx, ifname, 'regs', regs);
}

/**
 * GSSET_INFO for one string set, then its names with GSTRINGS; returns the number of strings (0 when
 * the set is empty or unsupported). GSTRINGS is asked for exactly that many: a kernel whose count
 * changed meanwhile answers len 0 and copies nothing (older kernels copy the new count regardless,
 * which the transport's guard bytes absorb).
 */
function stringSet(ctx: SourceContext, ifname: string, set: number, label: string): number {
  const info = ethtoolBuffer(ETHTOOL.GSSET_INFO, ETHTOOL_SIZE.ssetInfoHeader + 4);
  info.writeBigUInt64LE(1n << BigInt(set), 8);
  const answer = ethtool(ctx, ifname, `sset-info-${label}`, info);
  if (!answer || (answer.readBigUInt64LE(8) & (1n << BigInt(set))) === 0n) return 0;
  const count = answer.readUInt32LE(ETHTOOL_SIZE.ssetInfoHeader);
  if (count === 0) return 0;
  if (count * ETH_GSTRING_LEN > MAX_DUMP_BYTES) {
    ctx.issue(`${ifname}:strings-${label}`, 'EFBIG', `${count} strings in set ${set} not requested`);
    return 0;
  }
  const strings = ethtoolBuffer(ETHTOOL.GSTRINGS, ETHTOOL_SIZE.gstringsHeader + count * ETH_GSTRING_LEN);
  strings.writeUInt32LE(set, 4);
  strings.writeUInt32LE(count, 8);
  const names = ethtool(ctx, ifname, `strings-${label}`, strings);
  if (names && names.readUInt32LE(8) !== count) {
    ctx.issue(`${ifname}:strings-${label}`, 'ECHANGED', `string set ${set} had ${count} entries, GSTRINGS answered ${names.readUInt32LE(8)}: the count changed in between`);
  }
  return count;
}

/**
 * GLINKSETTINGS handshake: asked with link_mode_masks_nwords = 0, the kernel answers -nwords
 * ("linksettings-nwords"); asked again with that size it fills the three link-mode masks ("linksettings").
 */
function collectLinkSettings(ctx: SourceContext, ifname: string): void {
  const probe = ethtool(ctx, ifname, 'linksettings-nwords', ethtoolBuffer(ETHTOOL.GLINKSETTINGS, ETHTOOL_SIZE.linkSettingsHeader));
  if (!probe) return;
  const answered = probe.readInt8(LINK_SETTINGS_NWORDS_OFFSET);
  if (answered >= 0) {
    ctx.issue(`${ifname}:linksettings`, 'EPROTO', `GLINKSETTINGS handshake answered nwords ${answered}, expected a negative count`);
    return;
  }
  const nwords = -answered;
  const settings = ethtoolBuffer(ETHTOOL.GLINKSETTINGS, ETHTOOL_SIZE.linkSettingsHeader + 3 * 4 * nwords);
  settings.writeInt8(nwords, LINK_SETTINGS_NWORDS_OFFSET);
  ethtool(ctx, ifname, 'linksettings', settings);
}

/** GFEATURES with one block per 32 names of ETH_SS_FEATURES (the kernel answers its own block count). */
function collectFeatures(ctx: SourceContext, ifname: string): void {
  const names = stringSet(ctx, ifname, ETH_SS_FEATURES, 'features');
  const blocks = Math.max(1, Math.ceil(names / 32));
  const features = ethtoolBuffer(ETHTOOL.GFEATURES, ETHTOOL_SIZE.featuresHeader + blocks * ETHTOOL_SIZE.featuresBlock);
  features.writeUInt32LE(blocks, 4);
  ethtool(ctx, ifname, 'features', features);
}

/** Only with --include-eeprom: some drivers stall the device while it is read. */
function collectEeprom(ctx: SourceContext, ifname: string, eedumpLen: number): void {
  if (eedumpLen > 0 && eedumpLen <= MAX_DUMP_BYTES) {
    const eeprom = ethtoolBuffer(ETHTOOL.GEEPROM, ETHTOOL_SIZE.eepromHeader + eedumpLen);
    eeprom.writeUInt32LE(eedumpLen, 12);
    ethtool(ctx, ifname, 'eeprom', eeprom);
  }
  const modinfo = ethtool(ctx, ifname, 'moduleinfo', ethtoolBuffer(ETHTOOL.GMODULEINFO, ETHTOOL_SIZE.modinfo));
  const moduleLen = modinfo?.readUInt32LE(8) ?? 0;
  if (moduleLen === 0 || moduleLen > MAX_DUMP_BYTES) return;
  const moduleEeprom = ethtoolBuffer(ETHTOOL.GMODULEEEPROM, ETHTOOL_SIZE.eepromHeader + moduleLen);
  moduleEeprom.writeUInt32LE(moduleLen, 12);
  ethtool(ctx, ifname, 'module-eeprom', moduleEeprom);
}
