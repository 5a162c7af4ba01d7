#!/bin/bash
# A lab guest step (test/nvme/nvme-cli-lab.ts): records nvme-cli's complete human and JSON outputs for the lab's
# emulated NVMe controller, the corpus samples no public source publishes whole (test/nvme/fixtures/real/*/qemu-lab-*).
# Inputs: the scenario script's `tool` function and $out.
set -u
ctrl=$(ls /sys/class/nvme 2> /dev/null | head -n1)
[ -n "$ctrl" ] || { echo "no NVMe controller under /sys/class/nvme"; exit 1; }
echo "$ctrl" > "$out/tools/nvme-cli.ctrl"
tool nvme-cli-version nvme version
tool nvme-cli-id-ctrl-H nvme id-ctrl "/dev/$ctrl" -H
tool nvme-cli-id-ctrl-json nvme id-ctrl "/dev/$ctrl" -o json
tool nvme-cli-fw-log-json nvme fw-log "/dev/$ctrl" -o json
