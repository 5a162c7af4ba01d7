import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, fwsnap } from '../cli/cli-helpers.js';

/** The Kubernetes and Slurm examples of docs/fleet.md: valid, consistent with each other and with the collector. */
const K8S = resolve('docs/fleet/kubernetes');

const container = {
  type: 'object',
  required: ['name', 'image'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
    image: { type: 'string', minLength: 1 },
    command: { type: 'array', items: { type: 'string' } },
    args: { type: 'array', items: { type: 'string' } },
    env: { type: 'array', items: { type: 'object', required: ['name'] } },
    securityContext: { type: 'object' },
    resources: { type: 'object' },
    volumeMounts: { type: 'array', items: { type: 'object', required: ['name', 'mountPath'], properties: { readOnly: { type: 'boolean' } } } },
  },
  additionalProperties: false,
};
const podSpec = {
  type: 'object',
  required: ['containers'],
  properties: {
    nodeName: { type: 'string' },
    restartPolicy: { enum: ['Always', 'OnFailure', 'Never'] },
    hostNetwork: { type: 'boolean' },
    hostPID: { type: 'boolean' },
    tolerations: { type: 'array' },
    initContainers: { type: 'array', items: container },
    containers: { type: 'array', minItems: 1, items: container },
    volumes: { type: 'array', items: { type: 'object', required: ['name'] } },
  },
  additionalProperties: false,
};
const metadata = { type: 'object', required: ['name'], properties: { name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' } } };
const SCHEMAS: Record<string, object> = {
  'v1/Namespace': { type: 'object', required: ['metadata'], properties: { metadata } },
  'apps/v1/DaemonSet': {
    type: 'object',
    required: ['metadata', 'spec'],
    properties: {
      metadata,
      spec: {
        type: 'object',
        required: ['selector', 'template'],
        properties: { template: { type: 'object', required: ['metadata', 'spec'], properties: { spec: podSpec } } },
      },
    },
  },
  'batch/v1/Job': {
    type: 'object',
    required: ['metadata', 'spec'],
    properties: {
      metadata,
      spec: {
        type: 'object',
        required: ['template'],
        properties: {
          backoffLimit: { type: 'integer', minimum: 0 },
          activeDeadlineSeconds: { type: 'integer', minimum: 1 },
          ttlSecondsAfterFinished: { type: 'integer', minimum: 0 },
          template: { type: 'object', required: ['spec'], properties: { spec: { ...podSpec, required: ['containers', 'restartPolicy'] } } },
        },
      },
    },
  },
};

interface Pod {
  initContainers?: { name: string; image: string; args?: string[]; command?: string[]; volumeMounts?: { name: string }[]; securityContext?: { privileged?: boolean } }[];
  containers: { name: string; image: string; args?: string[]; command?: string[]; volumeMounts?: { name: string }[]; securityContext?: { privileged?: boolean } }[];
  volumes?: { name: string }[];
  restartPolicy?: string;
}
interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { selector?: { matchLabels?: Record<string, string> }; template: { metadata?: { labels?: Record<string, string> }; spec: Pod } };
}

function manifests(): { file: string; doc: Doc }[] {
  return readdirSync(K8S)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(K8S, file), 'utf8')).map((d) => {
        if (d.errors.length) throw new Error(`${file}: ${d.errors[0]?.message}`);
        return { file, doc: d.toJS() as Doc };
      }),
    );
}

describe('Kubernetes manifests (docs/fleet/kubernetes)', () => {
  const ajv = new Ajv({ allErrors: true });
  const docs = manifests();

  it('are YAML documents of known kinds that validate against their schema', () => {
    expect(docs.map((d) => `${d.file}:${d.doc.kind}`).sort()).toEqual(['daemonset.yaml:DaemonSet', 'daemonset.yaml:Namespace', 'job.yaml:Job']);
    for (const { file, doc } of docs) {
      const schema = SCHEMAS[`${doc.apiVersion}/${doc.kind}`];
      expect(schema, `${file}: ${doc.apiVersion} ${doc.kind}`).toBeDefined();
      const ok = ajv.validate(schema as object, doc);
      expect(ok, `${file} ${doc.kind}: ${ajv.errorsText()}`).toBe(true);
    }
  });

  it('select their own pods, mount only declared volumes, and run the collector privileged on the node', () => {
    const image = readFileSync(join(K8S, 'Containerfile'), 'utf8').match(/^COPY dist-exe\/(fwsnap-collector-linux-x64) (\S+)$/m);
    expect(image, 'Containerfile copies the single-file collector').not.toBeNull();
    for (const { file, doc } of docs.filter((d) => d.doc.spec)) {
      const spec = doc.spec!;
      if (doc.kind === 'DaemonSet') expect(spec.template.metadata?.labels, file).toMatchObject(spec.selector?.matchLabels ?? { missing: true });
      expect(doc.metadata.namespace, file).toBe('fwsnap');
      const pod = spec.template.spec;
      const volumes = new Set((pod.volumes ?? []).map((v) => v.name));
      const all = [...(pod.initContainers ?? []), ...pod.containers];
      for (const c of all) for (const m of c.volumeMounts ?? []) expect(volumes.has(m.name), `${file} ${c.name} mounts ${m.name}`).toBe(true);
      const collectors = all.filter((c) => [...(c.command ?? []), ...(c.args ?? [])].join(' ').includes(`${image![2]} collect`));
      expect(collectors, `${file}: one container runs ${image![2]} collect`).toHaveLength(1);
      expect(collectors[0]!.securityContext?.privileged, file).toBe(true);
    }
  });

  it('pass the collector only options it accepts', () => {
    ensureBuilt();
    const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-k8s-'));
    let n = 0;
    for (const { doc } of docs.filter((d) => d.doc.spec)) {
      const pod = doc.spec!.template.spec;
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        const line = (c.args ?? []).join(' ').match(/fwsnap-collector collect (.*?) -o /);
        if (!line) continue;
        mkdirSync(join(dir, `root${++n}`));
        const r = fwsnap(['collect', ...line[1]!.split(' '), '--root', join(dir, `root${n}`), '-o', join(dir, `b${n}.tar.gz`)]);
        expect(r.status, `${doc.kind}: collect ${line[1]}: ${r.stderr}`).toBe(0);
      }
    }
    expect(n).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('Slurm batch script (docs/fleet/slurm/collect.sbatch)', () => {
  const script = resolve('docs/fleet/slurm/collect.sbatch');
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-slurm-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is valid bash with sbatch directives sbatch knows', () => {
    expect(spawnSync('bash', ['-n', script]).status).toBe(0);
    const known = new Set(['job-name', 'ntasks-per-node', 'nodes', 'exclusive', 'time', 'output', 'error', 'partition', 'account']);
    const directives = [...readFileSync(script, 'utf8').matchAll(/^#SBATCH --([a-z-]+)/gm)].map((m) => m[1]!);
    expect(directives.length).toBeGreaterThan(0);
    for (const d of directives) expect(known.has(d), d).toBe(true);
  });

  it('collects on every node of an allocation (srun simulated for two nodes) and analyses the bundles together', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    // srun: run the task once per node, each with its own `hostname`.
    writeFileSync(
      join(bin, 'srun'),
      `#!/bin/bash\nwhile [[ "$1" == --* ]]; do shift; done\nfor n in gpu-001 gpu-002; do\n  mkdir -p "${dir}/nodes/$n"; printf '#!/bin/sh\\necho %s\\n' "$n" > "${dir}/nodes/$n/hostname"; chmod +x "${dir}/nodes/$n/hostname"\n  PATH="${dir}/nodes/$n:$PATH" "$@" || exit $?\ndone\n`,
    );
    writeFileSync(join(bin, 'fwsnap-collector'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@" --only cpu\n`);
    writeFileSync(join(bin, 'fwsnap'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    for (const f of ['srun', 'fwsnap-collector', 'fwsnap']) chmodSync(join(bin, f), 0o755);
    const shared = join(dir, 'shared');
    const r = spawnSync('bash', [script, shared], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, FWSNAP_COLLECTOR: join(bin, 'fwsnap-collector') },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const bundles = readdirSync(join(shared, 'bundles')).sort();
    expect(bundles).toHaveLength(2);
    expect(bundles[0]).toMatch(/^gpu-001-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(bundles[1]).toMatch(/^gpu-002-/);
    expect(readFileSync(join(shared, 'report.md'), 'utf8')).toMatch(/^## fwsnap report/m);
    const q = fwsnap(['query', join(shared, 'fleet.db'), 'SELECT count(*) AS n FROM bundles', '--format', 'json']);
    expect(JSON.parse(q.stdout)).toEqual([{ n: 2 }]);
  });
});
