#!/bin/bash
# Runs inside the lab guest as root, on the host's root shared read-only over 9p. Loads drivers the way
# udev's coldplug would, waits for the lab's devices, records what the real tools answer, runs the
# collector, and leaves everything in $LAB_OUT for the host-side tests. It names no device class: what each
# class's scenario needs (buses, paths to wait for, modules, reference tools) comes from the harness.
#   tools/<name>.out|.err|.status   one real tool invocation each
#   tools/<list>                    instances a class's reference tools ran for (a controller, an interface, disks)
#   reference-tools/<phase>.sh|.log|.status  a phase's reference tools, as the harness wrote them (test/lab/harness/reference-tools.ts); how they ran
#   bundle.tar.gz, collect.*        the collector's bundle and its own output
#   check.*, check-bundle.tar.gz    `fwsnap check` (unless LAB_CHECK=0)
#   tools.ms                        "<tool> <ms>" per tool run
#   steps/<name>.status|.log        each guest step the harness staged in steps/ (its script <name>.sh, files <name>/)
#   timeline                        "<phase> <ms since boot>" lines
#   ssh-ready, sshd.log             the Ansible phase (LAB_ANSIBLE=1): sshd listens; its log
#   ansible/                        written by the host: the play's output and what it fetched (test/lab/lab-ansible.ts)
#   done                            written last; its absence means the script did not finish
# Inputs (from the harness's /run/lab/run): LAB_OUT, LAB_PROJECT, LAB_NODE, LAB_BUSES (buses whose modaliases
# coldplug loads), LAB_WAIT (paths that must exist, or path=text files that must read text, before the tools run),
# LAB_MODULES (modules to load that no modalias brings in), LAB_SSH_MAC (the NIC the Ansible phase listens on),
# LAB_COLLECT_TIMEOUT (collector --timeout, seconds), LAB_KILL_AFTER (seconds before collect and check are
# killed), LAB_CHECK=0 to leave
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

# udev's coldplug, limited to the buses the scenarios' machine parts name (test/lab/harness/machine-part.ts); it runs
# again while waiting, for the devices the first drivers' probes create (disks behind a controller).
coldplug() {
  for bus in $LAB_BUSES; do cat /sys/bus/"$bus"/devices/*/modalias; done 2> /dev/null | sort -u | xargs -r modprobe -q -b -a 2> /dev/null
}
# Devices on none of those buses: the modules the machine parts name.
modprobe -q -a $LAB_MODULES 2> /dev/null &
named_modules=$!

mark scenario-start
# Reading node (~100 MB) and the project over 9p is the slowest part of the first node start; do it while
# the drivers probe.
( "$LAB_NODE" -e 0; cat "$LAB_PROJECT"/dist/cli/*.js "$LAB_PROJECT"/dist/collector/*.js ) > /dev/null 2>&1 &
warm=$!
coldplug
wait "$named_modules"
mark drivers-loaded
deadline=$(( $(uptime_ms) + 60000 ))
while :; do
  missing=""
  for w in $LAB_WAIT; do
    case "$w" in
      *=*) [ "$(cat "${w%%=*}" 2> /dev/null)" = "${w#*=}" ] || missing="$missing $w" ;;
      *) [ -e "$w" ] || missing="$missing $w" ;;
    esac
  done
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

# The reference tools the scenarios declare (their machine parts' tools), for a phase: the harness wrote each
# phase's script; it runs with this script's `tool` function and $out.
reference_tools() {
  local script="$out/reference-tools/$1.sh"
  [ -e "$script" ] || return 0
  bash "$script" > "${script%.sh}.log" 2>&1
  echo $? > "${script%.sh}.status"
}
reference_tools before-collect
mark tools-done

wait "$warm"
start=$(uptime_ms)
# The collection runs under strace (ioctls and opens only; the seccomp filter leaves other calls untraced)
# so the host can check every ioctl request and every open against the read-only rules.
trace=""
if command -v strace > /dev/null 2>&1; then
  trace="strace -f -qq --seccomp-bpf -X raw -e trace=ioctl,open,openat,openat2,creat,truncate -o $out/strace.txt"
fi
timeout -s KILL "${LAB_KILL_AFTER:-120}" $trace "$LAB_NODE" "$LAB_PROJECT/dist/cli/main.js" collect -o "$out/bundle.tar.gz" --timeout "$LAB_COLLECT_TIMEOUT" > "$out/collect.out" 2> "$out/collect.err"
echo $? > "$out/collect.status"
echo $(( $(uptime_ms) - start )) > "$out/collect.ms"
mark collect-done

reference_tools after-collect

# `fwsnap check` collects all over again and analyzes; the harness can leave it out (LAB_CHECK=0).
if [ "${LAB_CHECK:-0}" = 1 ]; then
  timeout -s KILL "${LAB_KILL_AFTER:-120}" "$LAB_NODE" "$LAB_PROJECT/dist/cli/main.js" check --timeout "$LAB_COLLECT_TIMEOUT" --format json -o "$out/check-bundle.tar.gz" > "$out/check.out" 2> "$out/check.err"
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
  ifname=""
  for n in /sys/class/net/*; do [ "$(cat "$n/address" 2> /dev/null)" = "${LAB_SSH_MAC,,}" ] && ifname=${n##*/}; done
  if [ -n "$ifname" ]; then
    ip addr add 10.0.2.15/24 dev "$ifname"
    ip link set "$ifname" up
  fi
  /usr/sbin/sshd -D -e -f "$ssh_dir/sshd_config" > "$out/sshd.log" 2>&1 &
  sshd_pid=$!
  deadline=$(( $(uptime_ms) + 60000 ))
  until grep -q '^ *[0-9]*: 00000000:0016 00000000:0000 0A' /proc/net/tcp && [ "$(cat "/sys/class/net/$ifname/carrier" 2> /dev/null)" = 1 ]; do
    if [ "$(uptime_ms)" -gt "$deadline" ] || ! kill -0 "$sshd_pid" 2> /dev/null; then
      echo "lab: sshd not listening or no carrier on ${ifname:-no interface with MAC $LAB_SSH_MAC} after 60 s" | tee -a "$out/sshd.log"
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
