import { asString, withJsonForm, type CorpusKindPart } from '../real-corpus/corpus-kind-part.js';

export const ataCorpusKinds: CorpusKindPart = {
  klass: 'ata',
  required: ['smartctl -x/-a — SATA', 'smartctl -x/-a — SAS/SCSI'],
  gaps: {},
  // hdparm -I outputs are read (issue 11's storage strand) but are not a kind the issue lists.
  unlisted: [
    'ata/fixtures/real/hdparm/crucial-m4-security-locked-empty-serial.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/hitachi-dk23ca-30-lkml-2002-i.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/liteon-ltr-16102b-atapi-lkml-2003-i.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/wdc-wd2500jd-inquiry-identity-ubuntuforums-2005-i.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/wdc-wd30eurx-63t0fy0-nwipe444-serial-masked-cut.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/ibm-dtta-371440-lkml-2001-hdparm4-heading.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/galax-ta1d0480a-redpill23-spaces.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/hitachi-hdp725025glat80-datahunter-i.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/hitachi-hds722020ala330-foxwiki-flat-indentation.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/intel-ssdsc2bb240g6-showtools7-IC.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/kingston-sa400-openwrt26182-glob-two-commands.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/netac-ssd-240g-blog-indented-masked.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/sandisk-extreme-portable-usb-blog.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/sandisk-pssd-systemd1593-tabs.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/sandisk-sdssdh3250g-ubuntuforums-2019-after-lsscsi.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/seagate-st10000nm0016-nwipe444-redacted-prompt.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/seagate-st2000dm001-9yn164-zfs1468-no-heading.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/seagate-st2000dm001-zfs1468-no-heading.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/tesla-2tb-truenas-notes-prompt.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/toshiba-mg09aca18te-truenas-masked-serial.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/wdc-wd60efax-systemd29867-strace-interleaved.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/crucial-ct512m550ssd3-msata-forum-prompt-cut.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/intel-ssdsc2bw120a4-forum-sample-then-T.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/hitachi-hts543232l9sa00-blog-cut-transport-revision-wrapped.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/samsung-840-evo-120gb-ubuntuforums-2014-fenced-tabs.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/samsung-860-evo-4tb-linux-btrfs-mail-transport-wrapped.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/samsung-860-qvo-1tb-blog-cut-smartctl-grep-after.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/samsung-mp0804h-ubuntuforums-2007-no-fence.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/maxtor-4a250j0-lkml-2006-quoted-mail-wrapped.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/wd-my-book-esata-ubuntuforums-2008-fenced-integrity-word.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/maxtor-6y080l0-lkml-2004-hdparam-typo-command.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/seagate-st1000dm003-1er162-qiita-ja-sudo-password-no-serial-cut.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/kingston-sa400s37120g-usb-cable-forum-cut-glued-prompt-then-t.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/crucial-ct128mx100ssd1-forum-bbcode-then-T.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/micron-5300-mtfddak1t9tds-partition-sudo-password-notes.txt: other — ata: hdparm',
    'ata/fixtures/real/hdparm/micron-m510-mu02-tilde-fence-garbled-heading-zh.txt: other — ata: hdparm',
  ],
  // A SAS/SCSI drive's smartctl output: its truth's class is block.
  kinds: (_dir, p) =>
    p.tool !== 'smartctl' ? [`other — ata: ${asString(p.tool)}`]
    : p.truth?.class === 'block' ? withJsonForm('smartctl -x/-a — SAS/SCSI', p.format === 'json')
    : withJsonForm('smartctl -x/-a — SATA', p.format === 'json'),
};
