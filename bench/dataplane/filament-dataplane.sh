#!/bin/bash
# filament-dataplane.sh MODE — whole-system dataplane benchmark on the peers' two-hypervisor topology
# (../shared/bench-peers/pb-common.sh: hv1/hv2 namespaces joined by an underlay veth 10.201.0.1–.2, one VM
# namespace behind each, overlay 192.168.50.0/24, VM MTU 1450), so Filament and the peers run the same tests:
#   tcp     iperf3 TCP single stream, $DUR s, $RUNS runs
#   udp     iperf3 UDP 64-byte payload, -b 0, $DUR s (the peers' own method; iperf3 caps near 250 kpps here)
#   rate    trafgen 64-byte frames (60 B + FCS) VM1 -> VM2 at rising rates; the highest rate whose loss stays
#           below 0.1 % (sent = the N frames trafgen was told to send, delivered = VM2 eth0 rx_packets; the
#           offered rate actually reached is N / trafgen's run time), and what is delivered when trafgen sends
#           as fast as it can
#   ping    $PINGS pings at 10 ms, p50/p99
# MODE: filament-mpls   two Filament dataplane processes (one per hv namespace), VMs on TAPs, MPLS over UDP
#       filament-vxlan  the same over VXLAN
#       kernel          peer: Linux VXLAN device + bridge (pb-common.sh topo_kernel)
#       ovs-afxdp       peer: OVS 3.1 userspace datapath, afxdp-nonpmd ports (pb-common.sh topo_ovs afxdp)
# Parameters: LAB (scratch, default ${TMPDIR:-/var/tmp}/filament-bench), RUNS (3), DUR (10), PINGS (200),
#   WARMUP (3, seconds of unmeasured TCP before the tests), RATES (trafgen steps, pps), RATE_SECONDS (2, frames per step = rate × this), MAX_FRAMES (400000, cap per step and
#   the size of the unlimited run), SKIP (tests to skip), DP_ARGS (extra dataplane arguments, e.g.
#   --filament.dataplane.poll-spin=0). Results: $LAB/results/MODE/summary.tsv. Everything built is
#   torn down at the end, also on error. Needs root, iperf3, netsniff-ng (trafgen), the built dataplane jar.
set -u
MODE=${1:?mode: filament-mpls|filament-vxlan|kernel|ovs-afxdp}
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/../.." && pwd)
export LAB=${LAB:-${TMPDIR:-/var/tmp}/filament-bench}
export PFX=${PFX:-fb-}
RUNS=${RUNS:-3}; DUR=${DUR:-10}; PINGS=${PINGS:-200}; SKIP=${SKIP:-}
RATES=${RATES:-"25000 50000 100000 200000 400000 800000"}
RATE_SECONDS=${RATE_SECONDS:-2}; MAX_FRAMES=${MAX_FRAMES:-400000}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
JAR=$ROOT/vrouter-dataplane/target/vrouter-dataplane.jar
. "$ROOT/../shared/bench-peers/pb-common.sh"
R=$LAB/results/$MODE; rm -rf "$R"; mkdir -p "$R"
DP_PIDS=()

cleanup() {
  for p in "${DP_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${DP_PIDS[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -9 "$p" 2>/dev/null; done
  case $MODE in ovs-*) ovs_stop hv1; ovs_stop hv2;; esac
  for ns in $HV1 $HV2 $VM1 $VM2; do ip netns pids $ns 2>/dev/null | xargs -r kill 2>/dev/null; done
  topo_destroy
}
trap cleanup EXIT

dpctl() { local sock=$1; shift
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" -Dloader.main=io.filament.dataplane.control.DataplaneCtl \
    org.springframework.boot.loader.launch.PropertiesLauncher "$sock" "$@"; }

# Filament: hv namespaces with the underlay veth, a dataplane process in each, VMs on TAPs it creates.
topo_filament() {
  local encap=$1 i o
  for ns in $HV1 $HV2 $VM1 $VM2; do ip netns add $ns; ip -n $ns link set lo up; done
  ip link add ${PFX}u1 type veth peer name ${PFX}u2
  ip link set ${PFX}u1 netns $HV1; ip link set ${PFX}u2 netns $HV2
  for i in 1 2; do
    ip -n ${PFX}hv$i addr add 10.201.0.$i/24 dev ${PFX}u$i; ip -n ${PFX}hv$i link set ${PFX}u$i up
    ip netns exec ${PFX}hv$i "$JAVA" --enable-native-access=ALL-UNNAMED -Xms256m -Xmx512m -jar "$JAR" \
      --server.port=0 --spring.main.banner-mode=off --filament.dataplane.host-name=hv$i \
      --filament.dataplane.fabric-address=10.201.0.$i --filament.dataplane.socket-path=$LAB/hv$i.sock ${DP_ARGS:-} \
      > "$R/dataplane-hv$i.log" 2>&1 &
    DP_PIDS+=($!)
  done
  for i in 1 2; do
    for _ in $(seq 1800); do grep -q "forwarding on fabric" "$R/dataplane-hv$i.log" && break; sleep 0.1; done
    grep -q 'forwarding on fabric' "$R/dataplane-hv$i.log" || { log "dataplane hv$i did not start"; exit 1; }
  done
  for i in 1 2; do o=$((3-i)); local sock=$LAB/hv$i.sock
    dpctl $sock vrf 1
    dpctl $sock vm 3 ${PFX}t$i ${PFX}vm$i 0a:00:00:00:00:0$i 192.168.50.$i policy
    if [ "$encap" = vxlan ]; then
      dpctl $sock vni $VNI 1
      dpctl $sock remote 50 vxlan 10.201.0.$o $VNI 192.168.50.$o
    else
      dpctl $sock remote 50 mpls 10.201.0.$o 19 192.168.50.$o
    fi
    ip -n ${PFX}vm$i addr add 192.168.50.$i/24 dev eth0
  done
}

case $MODE in
  filament-mpls) topo_filament mpls;;
  filament-vxlan) topo_filament vxlan;;
  kernel) topo_kernel;;
  ovs-afxdp) topo_ovs afxdp; vm_tx_off;;
  *) echo "bad mode $MODE"; exit 2;;
esac

ok=0; for _ in $(seq 30); do ip netns exec $VM1 ping -c1 -W1 $OV2 >/dev/null 2>&1 && { ok=1; break; }; sleep 0.5; done
[ $ok = 1 ] || { log "no overlay connectivity in $MODE"; exit 1; }
log "$MODE: overlay up"
skip() { case " $SKIP " in *" $1 "*) return 0;; esac; return 1; }
stat_of() { ip netns exec $1 cat /sys/class/net/eth0/statistics/$2; }
mac_of() { ip netns exec $1 cat /sys/class/net/eth0/address; }
dp_ticks() { local t=0 p; for p in "${DP_PIDS[@]}"; do t=$((t + $(proc_ticks $p))); done
  case $MODE in ovs-*) for p in $(cat $LAB/ovs/hv1/ovs-vswitchd.pid $LAB/ovs/hv2/ovs-vswitchd.pid); do
    t=$((t + $(proc_ticks $p))); done;; esac; echo $t; }

ip netns exec $VM2 iperf3 -s -D -B $OV2 -p 5201 -I $R/iperf3.pid; sleep 0.5
# $WARMUP unmeasured seconds of TCP first (every mode): a userspace forwarder's packet path gets compiled and warm,
# as on a host that has been forwarding for a while.
ip netns exec $VM1 iperf3 -c $OV2 -p 5201 -t ${WARMUP:-3} > /dev/null 2>&1; sleep 1

if ! skip tcp; then for r in $(seq $RUNS); do
  log "$MODE tcp run $r"; ip netns exec $VM1 iperf3 -c $OV2 -p 5201 -t $DUR -J > $R/tcp-$r.json; sleep 1; done; fi

if ! skip udp; then for r in $(seq $RUNS); do
  log "$MODE udp64 run $r"
  ip netns exec $VM1 iperf3 -c $OV2 -p 5201 -u -l 64 -b 0 -t $DUR -J --get-server-output > $R/udp-$r.json; sleep 1
done; fi

if ! skip rate; then
  # 60-byte frame to the gateway MAC as the VM's own stack would address it (the peers bridge: VM2's MAC).
  case $MODE in filament-*) DST=00:00:5e:00:01:00;; *) DST=$(mac_of $VM2);; esac
  SRC=$(mac_of $VM1)
  hex() { echo "$1" | sed 's/:/, 0x/g; s/^/0x/'; }
  cat > $R/udp64.cfg <<CFG
{ $(hex $DST), $(hex $SRC), 0x08, 0x00,
  0x45, 0x00, const16(46), const16(1), 0x40, 0x00, 64, 17, csumip(14, 33),
  192, 168, 50, 1, 192, 168, 50, 2,
  const16(9000), const16(9), const16(26), const16(0),
  fill(0x5a, 18) }
CFG
  ip netns exec $VM1 ethtool -K eth0 tx off >/dev/null 2>&1
  echo -e "rate_pps\tsent\tdelivered\tloss_pct\tdataplane_cpu_ticks\toffered_pps\tvm1_tx_dropped" > $R/rate.tsv
  for rate in $RATES max; do
    if [ $rate = max ]; then n=$MAX_FRAMES; opt=""; else n=$((rate * RATE_SECONDS)); opt="-b ${rate}pps"; fi
    [ $n -gt $MAX_FRAMES ] && n=$MAX_FRAMES
    d0=$(stat_of $VM1 tx_dropped); rx0=$(stat_of $VM2 rx_packets); c0=$(dp_ticks); t0=$(date +%s.%N)
    ip netns exec $VM1 trafgen -o eth0 -c $R/udp64.cfg -n $n $opt -P 1 -q -C > $R/trafgen-$rate.txt 2>&1
    t1=$(date +%s.%N); sleep 1
    d1=$(stat_of $VM1 tx_dropped); rx1=$(stat_of $VM2 rx_packets); c1=$(dp_ticks)
    sent=$n; got=$((rx1 - rx0))
    offered=$(awk -v n=$n -v a=$t0 -v b=$t1 'BEGIN { printf "%.0f", n / (b - a) }')
    loss=$(awk -v s=$sent -v g=$got 'BEGIN { if (s > 0) printf "%.3f", 100 * (s - g) / s; else print "nan" }')
    echo -e "$rate\t$sent\t$got\t$loss\t$((c1 - c0))\t$offered\t$((d1 - d0))" >> $R/rate.tsv
    log "$MODE rate $rate: sent $sent (offered $offered pps) delivered $got loss $loss %"
  done
fi

if ! skip ping; then
  log "$MODE ping"; ip netns exec $VM1 ping -c $PINGS -i 0.01 $OV2 > $R/ping.txt 2>&1
fi

case $MODE in filament-*) for i in 1 2; do dpctl $LAB/hv$i.sock counters > $R/counters-hv$i.txt; done;; esac
python3 "$HERE/summarize.py" "$R" | tee "$R/summary.tsv"
log "$MODE done"
