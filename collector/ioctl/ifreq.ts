/** `struct ifreq` on x86_64: ifr_name[IFNAMSIZ] @0, the ifr_data pointer @16 (a socket ioctl's argument on an interface). */
export const IFREQ_SIZE = 40;
export const IFNAMSIZ = 16;
export const IFR_DATA_OFFSET = 16;
