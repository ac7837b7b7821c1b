#!/bin/sh
# Port-up latency of the vRouter agent with the real dataplane: from plugging a port whose config is present
# to the first answered ping from a VM on another host. Needs root (namespaces, TAP devices) and the
# vrouter-dataplane jar (mvn -B -q -o -pl vrouter-dataplane package -DskipTests).
# Usage: bench/agent/port-up-latency.sh [ports]   (100 by default)
set -eu
cd "$(dirname "$0")/../.."
PORTS="${1:-100}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ ! -f vrouter-dataplane/target/vrouter-dataplane.jar ]; then
    echo "vrouter-dataplane/target/vrouter-dataplane.jar is missing: build it first" >&2
    exit 1
fi
BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -q -o -pl vrouter-agent verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=PortUpLatencyIT -Dbench.ports="$PORTS"
cat vrouter-agent/target/port-up-latency.txt
echo "load average before: $BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
