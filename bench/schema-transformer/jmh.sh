#!/bin/bash
# JMH benchmarks of the schema transformer's projection (full recompute, canonical JSON, one incremental update),
# with the bytes allocated per operation (-prof gc). From the repository root:
#   bench/schema-transformer/jmh.sh                      # all benchmarks
#   bench/schema-transformer/jmh.sh fullRecompute -f 1   # a subset, extra JMH arguments
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -B -q -o -pl schema-transformer install -DskipTests
mvn -B -q -o -f bench/schema-transformer/pom.xml clean package
CP_FILE=bench/schema-transformer/target/jmh.classpath
mvn -B -q -o -f bench/schema-transformer/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$CP_FILE" >/dev/null
CP="bench/schema-transformer/target/classes:$(cat $CP_FILE)"
FILTER=${1:-ProjectionJmh}
shift || true
exec "$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main "$FILTER" -prof gc "$@"
