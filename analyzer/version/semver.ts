// Semantic Versioning 2.0.0 precedence (semver.org §11), with an optional leading `v`; build metadata is ignored.
import { encodeUint } from './encode.js';
import { normalizeText } from './text.js';
import { sign, type Ordering, type SchemeHandler } from './types.js';

const NUM = '0|[1-9]\\d*';
const IDENT = `(?:${NUM}|\\d*[A-Za-z-][0-9A-Za-z-]*)`;
const SHAPE = new RegExp(
  `^v?(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
);

interface Semver {
  core: [bigint, bigint, bigint];
  pre: string[];
}

function read(raw: string): Semver | undefined {
  const m = SHAPE.exec(normalizeText(raw));
  if (!m) return undefined;
  return { core: [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!)], pre: m[4] === undefined ? [] : m[4].split('.') };
}

const isNumeric = (id: string): boolean => /^\d+$/.test(id);

function compareIdent(a: string, b: string): Ordering {
  const an = isNumeric(a);
  const bn = isNumeric(b);
  if (an && bn) return sign(BigInt(a) - BigInt(b));
  if (an !== bn) return an ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function compare(a: Semver, b: Semver): Ordering {
  for (let i = 0; i < 3; i++) {
    const rc = sign(a.core[i]! - b.core[i]!);
    if (rc !== 0) return rc;
  }
  if (a.pre.length === 0 || b.pre.length === 0) return sign(b.pre.length - a.pre.length);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const rc = compareIdent(a.pre[i]!, b.pre[i]!);
    if (rc !== 0) return rc;
  }
  return sign(a.pre.length - b.pre.length);
}

// Key: the three numbers, then `-` and the pre-release identifiers (numeric ones as numbers, others as `~text`,
// separated by `,`), or `~` for a release, which sorts after all of its pre-releases.
function key(v: Semver): string {
  const core = v.core.map((n) => encodeUint(n)).join('.');
  if (v.pre.length === 0) return core + '~';
  return core + '-' + v.pre.map((id) => (isNumeric(id) ? encodeUint(id) : '~' + id)).join(',');
}

export const semverScheme: SchemeHandler = {
  parse: (text) => {
    const v = read(text);
    if (!v) return { parts: [], malformed: `not a semantic version (MAJOR.MINOR.PATCH[-pre][+build]): ${JSON.stringify(text)}` };
    return { parts: v.core.map(Number), fields: v.pre.length > 0 ? { prerelease: v.pre.join('.') } : undefined };
  },
  compare: (a, b) => {
    const x = read(a.raw);
    const y = read(b.raw);
    return x && y ? compare(x, y) : null;
  },
  key: (v) => {
    const s = read(v.raw);
    return s ? key(s) : null;
  },
};
