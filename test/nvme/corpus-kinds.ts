import { asString, withJsonForm, type CorpusKindPart, type Provenance } from '../real-corpus/corpus-kind-part.js';

function nvmeKinds(p: Provenance): string[] {
  const json = p.format === 'json';
  // smartctl of NVMe drives (the ata class's tool; its SATA outputs are in test/ata).
  if (p.tool === 'smartctl') return withJsonForm('smartctl -x/-a — NVMe', json);
  const saved = asString(p.saved_as);
  if (saved.includes('fw-log')) return [json ? 'nvme fw-log -o json' : 'nvme fw-log, text'];
  if (saved.includes('error-log')) return [json ? 'nvme error-log -o json' : 'nvme error-log, text'];
  // A smart-log saved under a name that says no subcommand (nvme1n1.txt) is one by its command.
  if (saved.includes('smart-log') || /\bsmart-log\b/.test(asString(p.command))) return [json ? 'nvme smart-log -o json' : 'nvme smart-log, text'];
  const human = /\s(?:-H|--human-readable)\b/.test(asString(p.command));
  if (/id[-_]ns/.test(saved)) return [json ? 'nvme id-ns -o json' : human ? 'nvme id-ns -H' : 'nvme id-ns, text'];
  if (json) return ['nvme id-ctrl -o json'];
  return [human ? 'nvme id-ctrl -H' : 'nvme id-ctrl, text'];
}

export const nvmeCorpusKinds: CorpusKindPart = {
  klass: 'nvme',
  required: ['nvme id-ctrl, text', 'nvme id-ctrl -H', 'nvme id-ctrl -o json', 'nvme fw-log, text', 'nvme fw-log -o json', 'smartctl -x/-a — NVMe'],
  gaps: {},
  // More nvme-cli JSON searched for (storage trial, 2026-12-02): the code corpus for `"Subsystems":[` and `"Subsystems" : [`
  // (Ceph's qa/tasks/nvme_loop.py holds a whole nested `nvme list -o json` of nvme-cli 2.11+, now in
  // fixtures/report-outputs/nvme-list; the other hits are hand-written Go/Python test doubles of list-subsys: SNAP,
  // OpenStack os-brick, a CSI driver), and `nvme list -o json testdata` / id-ctrl JSON key runs (`"vid" "ssvid" "sn" "mn"`)
  // over code and issues: nvme-cli and SPDK sources, vendor plugin structs, text id-ctrl pastes; no other id-ctrl -o json.
  // Storage trial 11 (2026-12-05): `"critical_warning" : 0,` and `"temperature_sensor_1":` over the code corpus (Go and Python
  // test doubles and mocks, one smart-log JSON already taken), `"Controllers":[` / `"Controllers" : [` (other tools' JSON) and
  // an issues query for id-ctrl -o json keys (text id-ctrl pastes only): no new nvme-cli JSON.
  // nvme smart-log and id-ns are read (issue 11's 'smart-log if stored') but are not kinds the issue lists.
  unlisted: [
    'nvme/fixtures/real/smart-log/host-report-cli2-tabs-units-cut.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/nvmecli1037-wd-smart-log-kelvin.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/mafoelffen-ubuntuforums-cli2-H.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/nvmecli48-smart-log-2016-cut.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/pippim-askubuntu-quoted-cli1.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/samsung-960pro-pippim-cli1-cut.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/dera-p44-blog-notes-markdown.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/lexar-nq790-cli2-pasted-cut.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/samsung-mzvlb256-lctt-spaces-collapsed.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/freebsd-nvd1-nvmecli1645-cli181-trace.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/spcc-m2-4tb-cli2-celsius-kelvin.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/wdc-wds256g1x0c-jetson-notes-smart-log-nvme1n1.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/crucial-p3plus-ct4000p3pssd8-jp-diary-critical-warning.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/samsung-970evo-nvmecli556-no-heading.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/crusoe-exporter-cli1-json-float-counters.json: nvme smart-log -o json',
    'nvme/fixtures/real/smart-log/crusoe-exporter-cli2-json-critical-warning-object.json: nvme smart-log -o json',
    'nvme/fixtures/real/smart-log/exporter-go-test-cli1-json-4-sensors.json: nvme smart-log -o json',
    'nvme/fixtures/real/id-ns/chaitanya-nvme-status-mail-quoted.txt: nvme id-ns, text',
    'nvme/fixtures/real/id-ns/intel-optane-m10-cm4-cli1.12-H.txt: nvme id-ns -H',
    'nvme/fixtures/real/id-ns/qemu-lab-nvme-cli-2.3-H.txt: nvme id-ns -H',
    'nvme/fixtures/real/id-ns/qemu-lab-nvme-cli-2.3-json.json: nvme id-ns -o json',
    'nvme/fixtures/real/id-ns/samsung-7t68-issue2173-cli2.txt: nvme id-ns, text',
    'nvme/fixtures/real/id-ns/samsung-960pro-zynqmp-cli1.8.txt: nvme id-ns, text',
    'nvme/fixtures/real/id-ns/udisks1194-cli2-H-cut.txt: nvme id-ns -H',
    'nvme/fixtures/real/smart-log/vbox-orcl-nvme-zeros-0k-cli2.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/go-diskmon-comment-cli2-json-H-critical-warning-object.json: nvme smart-log -o json',
    'nvme/fixtures/real/id-ns/vbox-orcl-nvme-nvme0n1-cli2.txt: nvme id-ns, text',
    'nvme/fixtures/real/smart-log/psutil-script-sample2-cli1-three-sensors.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/system76-laptop-ubuntuforums-report-cli1.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/sandisk-sn550-rpi-linux6195-H-mojibake-degree-cut.txt: nvme smart-log, text',
    'nvme/fixtures/real/smart-log/wdc-sn530-rpi-linux6228-quoted-H-then-id-ctrl-cut.txt: nvme smart-log, text',
    'nvme/fixtures/real/error-log/corsair-p3plus-issue2540-cli2-csi-opcode-cut.txt: nvme error-log, text',
    'nvme/fixtures/real/error-log/crucial-p3plus-ct4000p3pssd8-jp-diary-write-protected.txt: nvme error-log, text',
    'nvme/fixtures/real/error-log/kingston-sfyrd2000g-ubuntuforums-cli1-sentence-after.txt: nvme error-log, text',
    'nvme/fixtures/real/error-log/kingston-sfyrd2000g-ubuntuforums-grep-error-count.txt: nvme error-log, text',
    'nvme/fixtures/real/error-log/debian-linux-nvme-2020-cli1-no-errors.txt: nvme error-log, text',
    'nvme/fixtures/real/error-log/ng1n1-issue3339-cli2-generic-node-tabs-cut.txt: nvme error-log, text',
    'nvme/fixtures/real/error-log/read-error-c502-issue800-cli1-raw-status-cut.txt: nvme error-log, text',
    'nvme/fixtures/real/error-log/samsung-mzqlb960hajr-issue1767-cli2-tabs-one-entry.txt: nvme error-log, text',
    'nvme/fixtures/real/error-log/smartd-issue208-entry63-lba-all-ones.txt: nvme error-log, text',
    'nvme/fixtures/real/smart-log/adata-xpg-gammix-s5-ubuntuforums-cli1-narrow-nbsp-groups.txt: nvme smart-log, text',
    'nvme/fixtures/real/error-log/adata-xpg-gammix-s5-ubuntuforums-cli1-eight-entries-garbage-count.txt: nvme error-log, text',
    'nvme/fixtures/real/error-log/host-report-cli2-tabs-exit-trailer.txt: nvme error-log, text',
    'nvme/fixtures/real/id-ns/kioxia-ibm-800gb-u2-linux-fsdevel-H-elided.txt: nvme id-ns -H',
    'nvme/fixtures/real/smart-log/python-fixture-cli2-json-endurance-group-key-trailing-space.json: nvme smart-log -o json',
    'nvme/fixtures/real/smart-log/ubuntuforums-2tb-cli1-cat-saved-file-sensor-spaces.txt: nvme smart-log, text',
  ],
  kinds: (_dir, p) => nvmeKinds(p),
};
