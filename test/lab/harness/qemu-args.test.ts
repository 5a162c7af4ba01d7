import { describe, expect, it } from 'vitest';
import { deviceArgs, optionValue, qemuArgs } from './qemu-args.js';

const guest = { kernel: '/boot/vmlinuz-x', initramfs: '/cache/i.cpio', outDir: '/cache/run-1', devices: [] };

describe('QEMU command line of the lab guest', () => {
  it('doubles commas inside option values and refuses line breaks', () => {
    expect(optionValue('a,b')).toBe('a,,b');
    expect(() => optionValue('a\nb')).toThrow(/line break/);
  });

  it('shares / read-only and the result directory read-write', () => {
    const args = qemuArgs(guest).join(' ');
    expect(args).toContain('-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on');
    expect(args).toMatch(/-virtfs local,path=\/cache\/run-1,mount_tag=labout,security_model=none(,|$| )/);
    expect(args).toContain('-no-reboot');
    expect(args).toContain('panic=-1');
    expect(args).toContain('fwsnap_lab.deadline=600');
    expect(qemuArgs({ ...guest, deadlineSeconds: 90.5 }).join(' ')).toContain('fwsnap_lab.deadline=91');
  });

  it('puts model and firmware revision on an AHCI disk', () => {
    const args = deviceArgs({ kind: 'ata-disk', id: 'd0', port: 2, model: 'ST31500341AS', firmware: 'SD15', serial: 'S1' });
    expect(args).toContain('ide-hd,id=d0,bus=ide.2,drive=d0-disk,model=ST31500341AS,ver=SD15,serial=S1');
  });

  it('refuses what IDENTIFY or the q35 AHCI controller cannot hold', () => {
    const disk = { kind: 'ata-disk', id: 'd0', port: 0, model: 'M', firmware: 'F', serial: 'S' } as const;
    expect(() => deviceArgs({ ...disk, port: 6 })).toThrow(/port 6 does not exist/);
    expect(() => deviceArgs({ ...disk, model: 'x'.repeat(41) })).toThrow(/longer than IDENTIFY's 40/);
    expect(() => deviceArgs({ ...disk, firmware: 'SD15SD15X' })).toThrow(/longer than IDENTIFY's 8/);
  });

  it('puts an HBA on the bus and a SCSI disk with its INQUIRY strings on the HBA\'s bus; refuses strings INQUIRY cannot hold', () => {
    expect(deviceArgs({ kind: 'scsi-hba', id: 'h', model: 'megasas' }).join(' ')).toBe('-device megasas,id=h');
    const disk = { kind: 'scsi-disk', id: 's', hba: 'h', vendor: 'HP', product: 'EK0800JVYPN', revision: 'HPD6', serial: 'S1', wwn: '0x5000c50030aa0001' } as const;
    expect(deviceArgs(disk)).toContain('scsi-hd,id=s,bus=h.0,drive=s-disk,vendor=HP,product=EK0800JVYPN,ver=HPD6,serial=S1,wwn=0x5000c50030aa0001');
    expect(() => deviceArgs({ ...disk, vendor: 'HEWLETTPA' })).toThrow(/vendor .* longer than INQUIRY's 8/);
    expect(() => deviceArgs({ ...disk, product: 'x'.repeat(17) })).toThrow(/product .* longer than INQUIRY's 16/);
    expect(() => deviceArgs({ ...disk, revision: 'HPD10' })).toThrow(/revision .* longer than INQUIRY's 4/);
  });

  it('gives the NIC a restricted user-mode network (with a forwarded SSH port when asked) and the root port its link', () => {
    expect(deviceArgs({ kind: 'e1000e', id: 'n', mac: '52:54:00:00:00:01', bus: 'rp' }).join(' ')).toBe(
      '-netdev user,id=n-net,restrict=on -device e1000e,id=n,netdev=n-net,mac=52:54:00:00:00:01,bus=rp',
    );
    expect(deviceArgs({ kind: 'e1000e', id: 'n', mac: '52:54:00:00:00:01', sshPort: 40022 }).slice(0, 2)).toEqual([
      '-netdev', 'user,id=n-net,restrict=on,hostfwd=tcp:127.0.0.1:40022-10.0.2.15:22',
    ]);
    expect(deviceArgs({ kind: 'pcie-root-port', id: 'rp', chassis: 1, slot: 2, speed: '8', width: 4 }).join(' ')).toBe(
      '-device pcie-root-port,id=rp,bus=pcie.0,chassis=1,slot=2,x-speed=8,x-width=4',
    );
  });

  it('connects the TPM to its swtpm control socket and puts the BMC behind a KCS interface', () => {
    expect(deviceArgs({ kind: 'tpm-crb', id: 't', socket: '/cache/swtpm-1/ctrl.sock' }).join(' ')).toBe(
      '-chardev socket,id=t-chr,path=/cache/swtpm-1/ctrl.sock -tpmdev emulator,id=t-be,chardev=t-chr -device tpm-crb,id=t,tpmdev=t-be',
    );
    expect(() => deviceArgs({ kind: 'tpm-crb', id: 't', socket: '' })).toThrow(/no swtpm control socket/);
    const bmc = { kind: 'ipmi-bmc', id: 'b', ioport: 0xca2, deviceId: 0x20, deviceRev: 0, fwrev1: 1, fwrev2: 0x40, ipmiVersion: 0x51, mfgId: 0x2a2, productId: 0x100, guid: 'g' } as const;
    expect(deviceArgs(bmc).join(' ')).toBe(
      '-device ipmi-bmc-sim,id=b,device_id=32,device_rev=0,fwrev1=1,fwrev2=64,ipmi_version=81,mfg_id=674,product_id=256,guid=g -device isa-ipmi-kcs,id=b-kcs,bmc=b,ioport=3234',
    );
  });

  it('boots through SeaBIOS unless given OVMF, and then puts its code read-only and its variable store writable on the two flash chips', () => {
    expect(qemuArgs(guest).join(' ')).not.toContain('pflash');
    const args = qemuArgs({ ...guest, uefi: { code: '/usr/share/OVMF/OVMF_CODE_4M.fd', vars: '/cache/run-1/ovmf-vars.fd' } });
    const drives = args.flatMap((a, i) => (a === '-drive' ? [args[i + 1]] : []));
    expect(drives).toEqual(['if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd', 'if=pflash,format=raw,unit=1,file=/cache/run-1/ovmf-vars.fd']);
    expect(args.indexOf('-kernel')).toBeGreaterThan(args.lastIndexOf('-drive'));
  });

  it('refuses two devices with one id', () => {
    const nvme = { kind: 'nvme', id: 'x', serial: 'S' } as const;
    expect(() => qemuArgs({ ...guest, devices: [nvme, nvme] })).toThrow(/two lab devices have the id "x"/);
  });
});
