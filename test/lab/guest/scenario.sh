#!/bin/bash
# Runs inside the lab guest as root, on the host's root shared read-only over 9p. Loads drivers the way
# udev's coldplug would, waits for the lab's devices, records what the real tools answer, runs the
# collector between two register dumps, and leaves everything in $LAB_OUT for the host-side tests:
#   tools/<name>.out|.err|.status   one real tool invocation each
#   bundle.tar.gz, collect.*        the collector's bundle and its own output
#   check.*, check-bundle.tar.gz    `fwsnap check` (unless LAB_CHECK=0)
#   tools.ms                        "<tool> <ms>" per tool run
#   steps/<name>.status|.log        each guest step the harness staged in steps/ (its script <name>.sh, files <name>/)
#   timeline                        "<phase> <ms since boot>" lines
#   ssh-ready, sshd.log             the Ansible phase (LAB_ANSIBLE=1): sshd listens; its log
#   ansible/                        written by the host: the play's output and what it fetched (test/lab/lab-ansible.ts)
#   done                            written last; its absence means the script did not finish
# Inputs (from the harness's /run/lab/run): LAB_OUT, LAB_PROJECT, LAB_NODE, LAB_WAIT (paths that must
# exist before the tools run), LAB_MODULES (modules to load that no modalias brings in), LAB_COLLECT_TIMEOUT
# (collector --timeout, seconds), LAB_CHECK=0 to leave
# `fwsnap check` out, LAB_SOS=1 to run `sos report` with the plugins in LAB_SOS_PLUGINS, killed after LAB_SOS_TIMEOUT s
# (sosreport.tar.xz), LAB_ANSIBLE=1 to serve the host's Ansible play over SSH at the end (keys in $LAB_OUT/ssh).
set -u
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp LC_ALL=C LANG=C
out=$LAB_OUT
mkdir -p "$out/tools"

uptime_ms() { local s; read -r s _ < /proc/uptime; echo $(( ${s%.*} * 1000 + 10#${s#*.} * 10 )); }
mark() {
  echo "$1 $(uptime_ms)" >> "$out/timeline"
  echo "lab: $1 ($(uptime_ms) ms)"
}

# tool NAME ARGV…: one real tool run, bounded, with both streams and the exit status kept.
tool() {
  local name=$1 start
  shift
  start=$(uptime_ms)
  timeout -s KILL 30 "$@" > "$out/tools/$name.out" 2> "$out/tools/$name.err"
  echo $? > "$out/tools/$name.status"
  echo "$name $(( $(uptime_ms) - start ))" >> "$out/tools.ms"
}

# udev's coldplug, limited to the buses the lab's devices sit on (PCI functions, then the SCSI disks
# that the AHCI, MegaRAID and SAS1068 drivers' probes create).
coldplug() {
  cat /sys/bus/pci/devices/*/modalias /sys/bus/scsi/devices/*/modalias 2> /dev/null | sort -u | xargs -r modprobe -q -b -a 2> /dev/null
}
# Devices not on those buses: the modules the scenarios' machine parts name (test/lab/harness/machine-part.ts).
modprobe -q -a $LAB_MODULES 2> /dev/null &
platform_modules=$!

mark scenario-start
# Reading node (~100 MB) and the project over 9p is the slowest part of the first node start; do it while
# the drivers probe.
( "$LAB_NODE" -e 0; cat "$LAB_PROJECT"/dist/cli/*.js "$LAB_PROJECT"/dist/collector/*.js ) > /dev/null 2>&1 &
warm=$!
coldplug
wait "$platform_modules"
mark drivers-loaded
deadline=$(( $(uptime_ms) + 60000 ))
while :; do
  missing=""
  for p in $LAB_WAIT; do [ -e "$p" ] || missing="$missing $p"; done
  for s in /sys/class/nvme/*/state; do [ -e "$s" ] && [ "$(cat "$s")" != live ] && missing="$missing $s"; done
  [ -z "$missing" ] && break
  if [ "$(uptime_ms)" -gt "$deadline" ]; then
    echo "lab: devices still missing after 60 s:$missing" | tee "$out/devices-missing"
    break
  fi
  sleep 0.5
  coldplug
done
mark devices-ready

# The scenarios' guest steps (test/lab/harness/guest-step.ts): each sets up what is not a QEMU device (a module built
# out of tree, a simulated device) and may run tools of its own; steps/<name>.status and .log say how it went.
export out
export -f tool uptime_ms
for s in "$out"/steps/*.sh; do
  [ -e "$s" ] || continue
  LAB_STEP_DIR=${s%.sh} timeout -s KILL 90 bash "$s" > "${s%.sh}.log" 2>&1
  echo $? > "${s%.sh}.status"
done
mark steps-done

nvme_ctrl=$(ls /sys/class/nvme 2> /dev/null | head -n1)
if [ -n "$nvme_ctrl" ]; then
  echo "$nvme_ctrl" > "$out/tools/nvme.ctrl"
  tool nvme-id-ctrl-bin nvme id-ctrl "/dev/$nvme_ctrl" -b
  tool nvme-fw-log-bin nvme fw-log "/dev/$nvme_ctrl" -b
  tool nvme-id-ctrl-json nvme id-ctrl "/dev/$nvme_ctrl" -o json
  tool nvme-fw-log-json nvme fw-log "/dev/$nvme_ctrl" -o json
fi

ifname=""
for n in /sys/class/net/*; do
  [ "$(basename "$(readlink "$n/device/driver" 2> /dev/null)")" = e1000e ] && ifname=${n##*/}
done
if [ -n "$ifname" ]; then
  echo "$ifname" > "$out/tools/e1000e.ifname"
  tool ethtool-i ethtool -i "$ifname"
  tool ethtool-P ethtool -P "$ifname"
  tool ethtool-d-raw-before ethtool -d "$ifname" raw on
fi

for b in /sys/block/sd*; do
  [ -e "$b" ] || continue
  d=${b##*/}
  case "$(readlink -f "$b")" in
    */ata[0-9]*/*)
      echo "$d" >> "$out/tools/ata.disks"
      tool "hdparm-Istdout-$d" hdparm --Istdout "/dev/$d" ;;
    *)
      echo "$d" >> "$out/tools/scsi.disks"
      tool "sg_inq-$d" sg_inq "/dev/$d"
      tool "sg_vpd-sn-raw-$d" sg_vpd --page=sn --raw "/dev/$d"
      tool "sg_vpd-di-raw-$d" sg_vpd --page=di --raw "/dev/$d" ;;
  esac
done
tool lsscsi lsscsi

if [ -e /sys/class/tpm/tpm0 ]; then
  tool tpm2_getcap-properties-fixed tpm2_getcap properties-fixed
fi
for d in /dev/ipmi[0-9]*; do
  [ -e "$d" ] || continue
  n=${d#/dev/ipmi}
  echo "$n" >> "$out/tools/ipmi.interfaces"
  tool "ipmitool-mc-info-$n" ipmitool -I open -d "$n" mc info
done

# The UEFI boot as the guest's kernel shows it: /sys/firmware/efi exists only then (its entries, and the firmware's
# word size), and an ESRT directory only when the firmware publishes the table.
if [ -d /sys/firmware/efi ]; then
  tool efi-entries ls -1 /sys/firmware/efi
  tool efi-platform-size cat /sys/firmware/efi/fw_platform_size
fi

# ndctl's view of the memory devices, to compare with what fwsnap read from sysfs (the collector never runs cxl).
if [ -e /sys/bus/cxl/devices/mem0 ]; then
  tool cxl-list cxl list -M -i
  # The firmware slots (Get FW Info) as ndctl reads them: -F exists from ndctl v78; older ones refuse the switch.
  tool cxl-list-fw cxl list -M -F
fi

tool lspci-xxxx lspci -D -xxxx
tool lspci-vvv lspci -D -vvv
mark tools-done

wait "$warm"
start=$(uptime_ms)
# The collection runs under strace (ioctls and opens only; the seccomp filter leaves other calls untraced)
# so the host can check every ioctl request and every open against the read-only rules.
trace=""
if command -v strace > /dev/null 2>&1; then
  trace="strace -f -qq --seccomp-bpf -X raw -e trace=ioctl,open,openat,openat2,creat,truncate -o $out/strace.txt"
fi
timeout -s KILL 120 $trace "$LAB_NODE" "$LAB_PROJECT/dist/cli/main.js" collect -o "$out/bundle.tar.gz" --timeout "$LAB_COLLECT_TIMEOUT" > "$out/collect.out" 2> "$out/collect.err"
echo $? > "$out/collect.status"
echo $(( $(uptime_ms) - start )) > "$out/collect.ms"
mark collect-done

[ -n "$ifname" ] && tool ethtool-d-raw-after ethtool -d "$ifname" raw on

# `fwsnap check` collects all over again and analyzes; the harness can leave it out (LAB_CHECK=0).
if [ "${LAB_CHECK:-0}" = 1 ]; then
  timeout -s KILL 120 "$LAB_NODE" "$LAB_PROJECT/dist/cli/main.js" check --timeout "$LAB_COLLECT_TIMEOUT" --format json -o "$out/check-bundle.tar.gz" > "$out/check.out" 2> "$out/check.err"
  echo $? > "$out/check.status"
  mark check-done
fi

tool dmesg dmesg

# Debian's `sos report` next to the collector, for the import differential (docs/import.md); LAB_SOS=0 leaves it out.
# It runs last, alone, so that it slows none of the timed runs above; its working files stay on the guest's tmpfs
# and only the archive is copied out.
if [ "${LAB_SOS:-0}" = 1 ] && command -v sos > /dev/null 2>&1; then
  start=$(uptime_ms)
  mkdir -p /var/tmp/sos
  timeout -s KILL "$LAB_SOS_TIMEOUT" sos report --batch --quiet --tmp-dir /var/tmp/sos -o "$LAB_SOS_PLUGINS" > "$out/sos.out" 2> "$out/sos.err"
  echo $? > "$out/sos.status"
  for f in /var/tmp/sos/sosreport-*.tar.xz /var/tmp/sos/sosreport-*.tar.gz; do [ -e "$f" ] && cp "$f" "$out/sosreport.${f#*.}"; done
  echo $(( $(uptime_ms) - start )) > "$out/sos.ms"
  mark sos-done
fi

# The Ansible phase, last so that nothing above sees the NIC up: the host's own sshd (the guest runs the host's root)
# on this run's keys, reached through QEMU's forward of a host port to 10.0.2.15:22. The host runs
# docs/fleet/ansible/collect.yml against it and writes ansible-done when the play has ended.
if [ "${LAB_ANSIBLE:-0}" = 1 ]; then
  ssh_dir=/run/lab-ssh
  mkdir -m 700 "$ssh_dir" && mkdir -m 755 /run/sshd
  cp "$out/ssh/host_ed25519_key" "$out/ssh/authorized_keys" "$ssh_dir/" && chmod 600 "$ssh_dir"/*
  # StrictModes would refuse the keys because /run (the guest's tmpfs) is world-writable.
  printf '%s\n' 'ListenAddress 0.0.0.0:22' "HostKey $ssh_dir/host_ed25519_key" "AuthorizedKeysFile $ssh_dir/authorized_keys" \
    'PermitRootLogin prohibit-password' 'PasswordAuthentication no' 'KbdInteractiveAuthentication no' 'UsePAM no' 'StrictModes no' \
    'PrintMotd no' 'PrintLastLog no' "PidFile $ssh_dir/sshd.pid" 'Subsystem sftp internal-sftp' > "$ssh_dir/sshd_config"
  # Without PAM, sshd refuses a locked account ("!" in /etc/shadow) even for a key: the guest's root gets a copy
  # of the host's shadow file with root unlocked (no password either way).
  if grep -q '^root:!' /etc/shadow 2> /dev/null; then
    sed 's/^root:![^:]*:/root:*:/' /etc/shadow > "$ssh_dir/shadow" && mount --bind "$ssh_dir/shadow" /etc/shadow
  fi
  if [ -n "$ifname" ]; then
    ip addr add 10.0.2.15/24 dev "$ifname"
    ip link set "$ifname" up
  fi
  /usr/sbin/sshd -D -e -f "$ssh_dir/sshd_config" > "$out/sshd.log" 2>&1 &
  sshd_pid=$!
  deadline=$(( $(uptime_ms) + 60000 ))
  until grep -q '^ *[0-9]*: 00000000:0016 00000000:0000 0A' /proc/net/tcp && [ "$(cat "/sys/class/net/$ifname/carrier" 2> /dev/null)" = 1 ]; do
    if [ "$(uptime_ms)" -gt "$deadline" ] || ! kill -0 "$sshd_pid" 2> /dev/null; then
      echo "lab: sshd not listening or no carrier on ${ifname:-no e1000e} after 60 s" | tee -a "$out/sshd.log"
      break
    fi
    sleep 0.2
  done
  mark ssh-ready
  echo ok > "$out/ssh-ready"
  # The host ends the play 30 s before its deadline; the guest stops waiting 25 s before its own, so that a play too
  # slow for the deadline costs the Ansible scenario only, never the lab's other results.
  until=$(sed -n 's/.*fwsnap_lab\.deadline=\([0-9]*\).*/\1/p' /proc/cmdline)
  until=$(( (${until:-600} - 25) * 1000 ))
  while [ ! -e "$out/ansible-done" ] && [ "$(uptime_ms)" -lt "$until" ]; do sleep 1; done
  [ -e "$out/ansible-done" ] || echo "lab: no ansible-done from the host 25 s before the guest's deadline" | tee -a "$out/sshd.log"
  kill "$sshd_pid" 2> /dev/null
  mark ansible-done
fi

mark scenario-end
echo ok > "$out/done"
