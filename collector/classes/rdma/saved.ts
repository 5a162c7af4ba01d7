import { savedNameWords } from '../../saved-output-name.js';

/**
 * An RDMA device's name as the verbs tools take it (`mlx5_0`, `mlx4_1`, `rxe0`, `bnxt_re0`, `hfi1_0`); a saved name
 * splits it at its `_` (`-d_mlx5_0.out`), so its words are joined again.
 */
const DEVICE = /^[a-z][a-z0-9]*(?:_[a-z]+\d*)*(?:_\d+)?$/;

/** ibv_devinfo's arguments the rdma class reads: none, `-v`, a device (`-d mlx5_0`, `--ib-dev=mlx5_0`), a port (`-i 1`). */
export function ibvDevinfoArgs(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-v' || a === '--verbose' || /^--ib-dev=\S+$/.test(a) || /^--ib-port=\d+$/.test(a)) continue;
    if ((a === '-d' || a === '--ib-dev') && DEVICE.test(args[i + 1] ?? '')) i++;
    else if ((a === '-i' || a === '--ib-port') && /^\d+$/.test(args[i + 1] ?? '')) i++;
    else return false;
  }
  return true;
}

/** ibstat's arguments the rdma class reads: none, a device, a device and a port (`ibstat mlx5_0 1`). */
export const ibstatArgs = (args: readonly string[]): boolean =>
  args.length <= 2 && (args.length === 0 || DEVICE.test(args[0]!)) && (args.length < 2 || /^\d+$/.test(args[1]!));

/** A saved name's words, a device's name split at its `_` joined again (`-d mlx5 0` → `-d mlx5_0`). */
function joinedWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    if (last !== undefined && !last.startsWith('-') && /^[a-z][a-z0-9]*$/.test(last) && /^(?:\d+|[a-z]+\d*)$/.test(w) && !/^\d+$/.test(last)) out[out.length - 1] = `${last}_${w}`;
    else out.push(w);
  }
  return out;
}

/**
 * What a saved `ibv_devinfo` output stands for (`ibv_devinfo.txt`, `cmd/ibv_devinfo/-v.out`, `ibv_devinfo -d mlx5_0.log`):
 * `-v` and the device or port it names; words that are no option label it. Undefined for another option (`-l` lists names only).
 */
export function savedIbvDevinfoArgv(treeName: string): string[] | undefined {
  const words = joinedWords(savedNameWords(treeName).filter((w) => !/^ibv$|^devinfo$/i.test(w)));
  const args: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-v' || w === '--verbose') args.push('-v');
    else if ((w === '-d' || w === '-i' || w === '--ib-dev' || w === '--ib-port') && words[i + 1] !== undefined) args.push(w, words[++i]!);
    else if (w.startsWith('-') && !/^--ib-(?:dev|port)=/.test(w)) return undefined;
    else if (w.startsWith('-')) args.push(w);
  }
  return ibvDevinfoArgs(args) ? ['ibv_devinfo', ...args] : undefined;
}

/** What a saved `ibstat` output stands for (`ibstat.txt`, `cmd/ibstat/mlx5_0.out`): the device and port it names, if any. */
export function savedIbstatArgv(treeName: string): string[] | undefined {
  const words = joinedWords(savedNameWords(treeName).filter((w) => !/^ibstat$/i.test(w)));
  if (words.some((w) => w.startsWith('-'))) return undefined;
  const device = words.findIndex((w) => /\d$/.test(w) && DEVICE.test(w) && !/^\d+$/.test(w));
  if (device < 0) return ['ibstat'];
  const port = words[device + 1];
  return ['ibstat', words[device]!, ...(port !== undefined && /^\d+$/.test(port) ? [port] : [])];
}
