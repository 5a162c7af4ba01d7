#!/bin/bash
# A lab guest step (test/nic/netdevsim-lab.ts): loads netdevsim, built out of tree for the guest's kernel from Debian's
# own source (Debian builds its kernel without it), creates netdevsim device 10 with one port, and records what the
# real devlink prints for it. Runs before the reference tools and the collector, so they see the device too.
# Inputs: LAB_STEP_DIR (holds netdevsim.ko), the scenario script's `tool` function and $out.
set -u
ko=$LAB_STEP_DIR/netdevsim.ko

tool netdevsim-modinfo modinfo "$ko"
# insmod resolves no dependencies: load the ones the module names (psample) from the guest kernel's own modules.
deps=$(modinfo -F depends "$ko" | tr ',' ' ')
if [ -n "$deps" ]; then modprobe -a $deps || exit 1; fi
# Debian's kernel takes an unsigned module unless lockdown is on (it is only under UEFI secure boot); it taints itself.
insmod "$ko" || exit 1
tool netdevsim-tainted cat /proc/sys/kernel/tainted
echo "10 1" > /sys/bus/netdevsim/new_device || exit 1
for _ in $(seq 100); do
  devlink dev show netdevsim/netdevsim10 > /dev/null 2>&1 && break
  sleep 0.1
done

tool devlink-version devlink -V
tool devlink-dev-show devlink dev show
tool devlink-dev-info devlink dev info
tool devlink-dev-info-json devlink -j dev info
tool devlink-dev-param-show devlink dev param show
tool devlink-dev-param-show-json devlink -j dev param show
tool devlink-health-show devlink health show
tool devlink-health-show-json devlink -j health show
