#!/usr/bin/env bash
# Measures the local infrastructure: time from `bin/filament infra up` to both services answering, resident
# memory of Kafka and Cassandra after start, and that a second start reuses the data (a topic and a
# keyspace written before `down` are still there after the next `up`).
# Stops the infrastructure first if it runs, and leaves it running at the end as it found it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
f=bin/filament

was_running=no
$f infra status >/dev/null 2>&1 && was_running=yes

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$(cut -d' ' -f1 "var/run/$1.pid")/status"; }
cql() {  # one CQL statement on the local node
  $f infra cql "$1"
}

$f infra down >/dev/null
start=$(date +%s.%N)
$f infra up > /tmp/filament-infra-up.log
end=$(date +%s.%N)
ready=$(echo "$end - $start" | bc)
echo "infra up: ready in ${ready} s (command start to both answering)"
grep -E "ready at" /tmp/filament-infra-up.log | sed 's/^/  /'
echo "resident memory after up: kafka $(rss_mib kafka) MiB, cassandra $(rss_mib cassandra) MiB"

marker="bench_marker_$(date +%s)"
kcat -b 127.0.0.1:9092 -P -t "$marker" <<< "kept" 
cql "CREATE KEYSPACE IF NOT EXISTS $marker WITH replication = {'class':'SimpleStrategy','replication_factor':1}"
$f infra down >/dev/null
start=$(date +%s.%N)
$f infra up >/dev/null
end=$(date +%s.%N)
echo "second up (existing data): ready in $(echo "$end - $start" | bc) s"
topic_back=$(kcat -b 127.0.0.1:9092 -C -t "$marker" -o beginning -c 1 -e 2>/dev/null || true)
ks_back=$(cql "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name='$marker'")
echo "data reused: topic message '${topic_back}', keyspace '${ks_back}'"
cql "DROP KEYSPACE $marker" >/dev/null
if [ "$was_running" = no ]; then $f infra down >/dev/null; fi
[ "$topic_back" = kept ] && [ "$ks_back" = "$marker" ]
