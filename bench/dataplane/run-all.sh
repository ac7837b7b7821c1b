#!/bin/bash
# run-all.sh — Filament and both peers back to back on the same topology (one after another, so they share the
# machine's conditions), then the peers' own script for their standard figures. Summaries in $LAB/results/*/.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
export LAB=${LAB:-${TMPDIR:-/var/tmp}/filament-bench}
mkdir -p "$LAB"
for mode in ${MODES:-filament-mpls filament-vxlan kernel ovs-afxdp}; do
  "$HERE/filament-dataplane.sh" $mode > "$LAB/$mode.out" 2>&1
done
if [ -z "${NO_PEER_SCRIPT:-}" ]; then
  for mode in kernel ovs-afxdp; do
    LAB=$LAB/peers "$HERE/../../../shared/bench-peers/pb-dataplane.sh" $mode > "$LAB/pb-$mode.out" 2>&1
  done
  python3 "$HERE/../../../shared/bench-peers/pb-summarize.py" "$LAB/peers/results" kernel ovs-afxdp \
    > "$LAB/pb-summary.md" 2>&1 || true
fi
cat "$LAB"/results/*/summary.tsv | awk 'NR == 1 || !/^mode/'
