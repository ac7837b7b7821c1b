#!/usr/bin/env bash
# Port-creation and listing benchmark of config-api against the local Kafka and Cassandra
# (bin/filament infra up). Starts config-api on its own port, keyspace and topics so that the
# benchmark data stays apart, runs PortBench, and stops the application again.
#
#   bench/config-api/run.sh [ports] [concurrency] [list-repeats]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PORT=${BENCH_PORT:-18082}
RUN=$(date +%s)
JAR=config-api-service/target/config-api-service.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -o -pl config-api-service package -DskipTests" >&2; exit 1; }
LOG=$(mktemp /tmp/config-api-bench.XXXXXX.log)

"$JAVA_HOME/bin/java" -Xms1g -Xmx1g -jar "$JAR" --server.port="$PORT" \
  --filament.config-api.keyspace="bench_config_$RUN" \
  --filament.config-api.events-topic="bench.config.events.$RUN" \
  --filament.config-api.snapshots-topic="bench.config.snapshots.$RUN" \
  --filament.config-api.commands-topic="bench.config.commands.$RUN" \
  --filament.config-api.command-group="bench-$RUN" \
  --spring.cassandra.request.timeout=30s >"$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT

for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 $APP 2>/dev/null || { echo "config-api died, see $LOG" >&2; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { echo "config-api not healthy, see $LOG" >&2; exit 1; }

"$JAVA_HOME/bin/java" bench/config-api/PortBench.java "http://127.0.0.1:$PORT" "${1:-10000}" "${2:-32}" "${3:-25}"
echo "application log: $LOG (keyspace bench_config_$RUN)"
