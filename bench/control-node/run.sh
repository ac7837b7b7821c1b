#!/usr/bin/env bash
# Control-node benchmarks on loopback: convergence of 1,000 simulated agents (10 routes each, 100 networks)
# and JMH for the route-update encoder. Usage: bench/control-node/run.sh [agents routes vns port]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
AGENTS=${1:-1000}
ROUTES=${2:-10}
VNS=${3:-100}
PORT=${4:-15269}
mvn -B -q -o -pl control-node test-compile
mvn -B -q -o -pl control-node dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
CP="control-node/target/test-classes:control-node/target/classes:$(cat control-node/target/bench-classpath.txt)"
echo "== convergence: $AGENTS agents x $ROUTES routes in $VNS networks (pairs connected)"
"$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/control-node/logback-bench.xml -cp "$CP" io.filament.control.bench.ConvergenceBenchmark "$AGENTS" "$ROUTES" "$VNS" "$PORT"
echo "== JMH: route updates encoded per second on one core"
"$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main RouteUpdateEncoderBenchmark -rf text -rff control-node/target/jmh-encoder.txt
echo "== route items encoded per CPU-second on one thread (holds on a shared machine)"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" io.filament.control.bench.EncoderCpuThroughput 10
echo "== load average during the run (other work on this machine skews wall-clock figures)"
uptime
