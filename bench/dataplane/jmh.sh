#!/bin/bash
# Runs the pipeline-alone JMH benchmark (packets/s per core, bytes allocated per packet with -prof gc).
# Usage: bench/dataplane/jmh.sh [extra JMH args]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -B -q -o -pl vrouter-dataplane test-compile
CP_FILE=vrouter-dataplane/target/jmh.classpath
mvn -B -q -o -pl vrouter-dataplane dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$CP_FILE" >/dev/null
CP="vrouter-dataplane/target/test-classes:vrouter-dataplane/target/classes:$(cat $CP_FILE)"
exec "$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main PipelineBenchmark -prof gc "$@"
