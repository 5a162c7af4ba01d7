import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';

const A100 = readFileSync(fileURLToPath(new URL('./fixtures/real/nvidia-smi-q-x-a100-sxm4-v12.xml', import.meta.url)));
const text = (b: Uint8Array | null): string => Buffer.from(b!).toString('utf8');

describe('redaction of NVIDIA GPU identifiers', () => {
  it('the GPU UUID and board serial are replaced in nvidia-smi -q -x and the proc file, with the same token in both', () => {
    const r = new Redactor({ catalog: REDACTION });
    const smi = text(r.redact('cmd/nvidia-smi/-q_-x.out', undefined, A100));
    const info = text(r.redact('proc/driver/nvidia/gpus/0000:01:00.0/information', undefined,
      Buffer.from('Model: \t\t NVIDIA A100-SXM4-80GB\nGPU UUID: \t GPU-513536b6-7d19-9063-b049-1e69664bb298\nVideo BIOS: \t 92.00.36.00.02\n')));
    expect(smi).not.toContain('513536b6');
    expect(smi).not.toContain('1650522003820');
    expect(info).not.toContain('513536b6');
    const token = /<uuid>(GPU-[^<]+)<\/uuid>/.exec(smi)![1]!;
    expect(info).toContain(`GPU UUID: \t ${token}`);
    // Firmware versions and the model stay as they are.
    expect(smi).toContain('<vbios_version>92.00.36.00.02</vbios_version>');
    expect(smi).toContain('<gsp_firmware_version>535.54.03</gsp_firmware_version>');
    expect(info).toContain('NVIDIA A100-SXM4-80GB');
  });

  it('a GPU UUID the Fabric Manager logged is replaced too, by the token nvidia-smi\'s copy gets', () => {
    const r = new Redactor({ catalog: REDACTION });
    const log = text(r.redact('var/log/fabricmanager.log', undefined, Buffer.from('[Jun 28 2023 10:12:43] [INFO] [tid 3228] GPU pci bus id 00000000:07:00.0 uuid GPU-513536b6-7d19-9063-b049-1e69664bb298\n')));
    const smi = text(r.redact('cmd/nvidia-smi/-q_-x.out', undefined, A100));
    expect(log).not.toContain('513536b6');
    expect(log).toContain(/<uuid>(GPU-[^<]+)<\/uuid>/.exec(smi)![1]!);
    expect(log).toContain('[Jun 28 2023 10:12:43] [INFO] [tid 3228] GPU pci bus id 00000000:07:00.0');
  });

  it('the serial column of a --query-gpu CSV is replaced; its other columns stay', () => {
    const r = new Redactor({ catalog: REDACTION });
    const csv = text(r.redact('cmd/nvidia-smi/--query-gpu=name,serial,vbios_version_--format=csv.out', undefined, Buffer.from('name, serial, vbios_version\nNVIDIA A100-SXM4-80GB, 1650522003820, 92.00.36.00.02\n')));
    expect(csv).not.toContain('1650522003820');
    expect(csv).toContain('NVIDIA A100-SXM4-80GB, ');
    expect(csv).toContain(', 92.00.36.00.02');
  });
});
