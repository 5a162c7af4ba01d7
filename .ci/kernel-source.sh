#!/usr/bin/env bash
# Unpacks into DIR the files of the newest kernel source Debian ships (the development suite) that the
# rule-source check reads, using this machine's own Debian mirror with a private package list.
set -euo pipefail
out="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The mirror this machine already uses for Debian's main archive (deb822 .sources or one-line .list).
mirror=$(
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources || true
    grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list || true; } |
    sed 's/\[[^]]*\] *//' | awk '{print $2}' | grep -v -- '-security' | head -n 1 || true
)
[ -n "$mirror" ] || { echo "kernel-source: no Debian mirror configured" >&2; exit 1; }

mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
echo "deb $mirror sid main" >"$work/sources.list"
apt_opts=(-o "Dir::Etc::sourcelist=$work/sources.list" -o Dir::Etc::sourceparts=/dev/null
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
apt-get "${apt_opts[@]}" update -qq
pkg=$(apt-cache "${apt_opts[@]}" search --names-only '^linux-source-[0-9.]+$' | awk '{print $1}' | sort -V | tail -n 1)
[ -n "$pkg" ] || { echo "kernel-source: no linux-source package found" >&2; exit 1; }
(cd "$work" && apt-get "${apt_opts[@]}" download "$pkg" >/dev/null)
dpkg-deb --fsys-tarfile "$work"/*.deb | tar -x -C "$work" --wildcards './usr/src/linux-source-*.tar.xz'
rm -rf "$out"
mkdir -p "$out"
xz -dc "$work"/usr/src/linux-source-*.tar.xz | tar -x -C "$out" --strip-components=1 --wildcards \
  'linux-source-*/Makefile' 'linux-source-*/drivers/ata/*' 'linux-source-*/drivers/nvme/host/*' \
  'linux-source-*/arch/x86/kernel/cpu/*' 'linux-source-*/arch/x86/include/asm/intel-family.h' \
  'linux-source-*/include/linux/libata.h' 'linux-source-*/drivers/firmware/dmi_scan.c' \
  'linux-source-*/drivers/net/ethernet/intel/i40e/*' 'linux-source-*/drivers/net/ethernet/intel/ice/*' \
  'linux-source-*/drivers/net/ethernet/broadcom/bnxt/*' 'linux-source-*/drivers/net/ethernet/mellanox/mlx4/fw.c' 'linux-source-*/drivers/net/ethernet/mellanox/mlx5/core/cmd.c' 'linux-source-*/drivers/net/ethernet/mellanox/mlx5/core/eswitch_offloads.c' 'linux-source-*/drivers/net/ethernet/chelsio/cxgb4/*' \
  'linux-source-*/drivers/usb/storage/unusual_*.h' 'linux-source-*/drivers/usb/storage/usb.c' 'linux-source-*/include/linux/usb_usual.h' \
  'linux-source-*/drivers/gpu/drm/xe/xe_uc_fw.c' 'linux-source-*/drivers/char/tpm/tpm_crb.c'
echo "kernel-source: $pkg in $out"
