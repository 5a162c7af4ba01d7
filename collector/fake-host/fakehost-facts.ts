/** The facts tests assert on about the shared fake host (test/helpers/fake-host/fakehost.ts), kept in one place. */
export const FAKEHOST = {
  hostname: 'fakehost',
  kernelRelease: '5.14.0-427.13.1.el9_4.x86_64',
  cmdline: 'BOOT_IMAGE=(hd0,gpt2)/vmlinuz-5.14.0-427.13.1.el9_4.x86_64 root=/dev/mapper/rhel-root ro crashkernel=1G-4G:192M,4G-64G:256M,64G-:512M intel_iommu=on iommu=pt pcie_aspm=off',
  /** The endpoints of the shared description, then the root ports they sit behind. */
  pciFunctions: ['0000:00:00.0', '0000:00:17.0', '0000:3b:00.0', '0000:3b:00.1', '0000:5e:00.0', '0000:af:00.0', '0000:3a:00.0', '0000:5d:00.0', '0000:ae:00.0'],
  cpus: 4,
  microcode: '0x2007006',
  sataSsd: { model: 'Crucial_CT512MX100SSD1', firmware: 'MU01', serial: '14330C4A5B6C', device: 'dev1.0', disk: 'sda' },
  rdmaDevices: ['mlx5_0', 'mlx5_1'],
  blocks: ['nvme0n1', 'sda'],
};
