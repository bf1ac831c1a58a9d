#!/usr/bin/env bash
# Failover under load (issue #3): kills the upstream ossgate has chosen while clients download,
# then prints requests served, client-visible errors and how long traffic took to move.
# Knobs: CLIENTS (32), DURATION_S (20), KILL_AT (8), OBJECT_KIB (1024).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  -Dlogback.configurationFile=src/test/resources/logback-test.xml io.ossgate.bench.FailoverBench
