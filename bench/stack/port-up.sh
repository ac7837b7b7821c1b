#!/usr/bin/env bash
# Port-up latency on the local stack, side by side with OVN's on the same machine in the same run.
#   bench/stack/port-up.sh [VMS]      (default 50; needs root; starts the stack if it is not up)
# Filament: VMI + instance-ip REST create for a VM whose namespace is already plugged on host2 -> first echo
# reply to a probe VM on host1. OVN: ../shared/bench-peers/pb-ovn-cp.sh (lsp-add --wait=hv -> bound -> up).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
vms=${1:-50}
cd "$root"
bin/filament status >/dev/null 2>&1 || bin/filament up
log="var/bench/port-up-$(date -u +%Y%m%dT%H%M%SZ).log"
mkdir -p var/bench
echo "== Filament port-up, $vms VMs (every VM's figure in $log)"
bin/filament bench port-up --vms "$vms" | tee "$log" | tail -2
peer="$root/../shared/bench-peers/pb-ovn-cp.sh"
if [ -x "$peer" ] || [ -f "$peer" ]; then
  echo "== OVN port-up (same machine, same run)"
  RUNS=${RUNS:-1} bash "$peer" 2>&1 | grep -iE "port-up|p50|p99" | head -5
else
  echo "== OVN peer script not found at $peer" >&2
fi
echo "== resident memory of the whole stack"
total=0
for f in var/run/*.pid; do
  pid=$(cut -d' ' -f1 "$f"); kib=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  printf "  %-20s %6d MiB\n" "$(basename "$f" .pid)" $((kib / 1024)); total=$((total + kib))
done
printf "  %-20s %6d MiB\n" total $((total / 1024))
