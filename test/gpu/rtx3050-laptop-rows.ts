/** The firmware rows a person reads off the real RTX 3050 Laptop `nvidia-smi -q` sample (driver 580, no banner). */
export const RTX3050_LAPTOP_FIRMWARE = [
  { device_key: 'gpu:0000:01:00.0', component: 'gsp', version: '580.119.02' },
  { device_key: 'gpu:0000:01:00.0', component: 'inforom.img', version: 'G001.0000.94.01' },
  { device_key: 'gpu:0000:01:00.0', component: 'inforom.oem', version: '2.0' },
  { device_key: 'gpu:0000:01:00.0', component: 'vbios', version: '94.07.8B.00.4C' },
];
