#!/usr/bin/env bash
# Runs one benchmark: bench/run.sh <IngestBench|AccountsBench|FreshnessBench|AccountMemoryBench|RereadBench> [key=value ...]
#   IngestBench takes marketplace=coupang|naver|elevenst|esm|lotteon|qoo10; AccountsBench takes
#   mix=coupang:1,naver:1,elevenst:1,esm:1,lotteon:1,qoo10:1 (the default).
# Builds the jar and the test classes, then runs the benchmark's main class on the test class path.
# Figures are printed and written as JSON under target/bench/. See docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bench="$1"; shift
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q package -DskipTests
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$PWD/target/test-classes:$PWD/target/classes:$(cat target/bench-classpath.txt)" "io.marketbridge.bench.$bench" "$@"
