#!/usr/bin/env bash
# Flow-record benchmark of analytics-service against the local Kafka and Cassandra (bin/filament infra up).
#   bench/analytics/run.sh [records vns vrouters spreadMinutes queries]     defaults: 1000000 50 4 110 50
# The benchmark JVM is pinned to one core with taskset; Kafka and Cassandra run unpinned on the same machine.
# BENCH_JAVA_OPTS adds JVM options, e.g. a flight recording:
#   BENCH_JAVA_OPTS=-XX:StartFlightRecording=filename=target/ingest.jfr,settings=profile,dumponexit=true
# The disk figure is read where the running Cassandra keeps its data (asked over JMX, port 7199).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
mvn -B -q -o -pl analytics-service test-compile
mvn -B -q -o -pl analytics-service dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$root/analytics-service/target/bench.classpath" >/dev/null
cp="analytics-service/target/classes:analytics-service/target/test-classes:$(cat analytics-service/target/bench.classpath)"
exec taskset -c "${BENCH_CPU:-0}" "$JAVA_HOME/bin/java" -Xms1g -Xmx1g -XX:ActiveProcessorCount=1 \
    --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile="$root/bench/analytics/logback.xml" \
    -cp "$cp" io.filament.analytics.bench.AnalyticsBenchmark "$@"
