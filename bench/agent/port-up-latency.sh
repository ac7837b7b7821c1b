#!/bin/sh
# Port-up latency over the real path: two vRouter agents, each with its own vrouter-dataplane process, and a real
# control node fed from Kafka. With every port's config already at the agent, the time from sending POST /port to
# the agent's port API to the first echo reply seen by a ping that is already running (every 2 ms) in a VM on the
# other host, with p50/p99 of each stage (port API answered, agent recomputed, local dataplane programmed, address
# configured by a CNI-like watcher, remote agent recomputed, remote dataplane installed) and of the hops between.
# Needs root (namespaces, TAP devices), the local Kafka broker, and the boot jars of control-node and
# vrouter-dataplane (mvn -B -q -o package -DskipTests).
# Usage: bench/agent/port-up-latency.sh [ports]   (100 by default)
set -eu
cd "$(dirname "$0")/../.."
PORTS="${1:-100}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
for jar in vrouter-dataplane/target/vrouter-dataplane.jar control-node/target/control-node.jar; do
    if [ ! -f "$jar" ]; then
        echo "$jar is missing: build it first" >&2
        exit 1
    fi
done
BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -q -o -pl vrouter-agent verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=PortUpLatencyIT -Dbench.ports="$PORTS"
cat vrouter-agent/target/port-up-latency.txt
echo "load average before: $BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
