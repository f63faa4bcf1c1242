#!/usr/bin/env bash
# Runs one benchmark: bench/run.sh <IngestBench|AccountsBench|FreshnessBench|AccountMemoryBench|RereadBench> [key=value ...]
#   IngestBench takes marketplace=coupang|naver|elevenst|esm|lotteon|qoo10; AccountsBench takes
#   mix=coupang:1,naver:1,elevenst:1,esm:1,lotteon:1,qoo10:1 (the default).
# Or the headline set: bench/run.sh all (about 25-30 minutes on 2 cores): IngestBench per marketplace with
#   confirmation on and off (h2-db and files, ALL_ORDERS orders across ALL_ACCOUNTS accounts, default 2000 / 10),
#   AccountsBench with 10,000 accounts of the default mix, FreshnessBench for 2 minutes; one summary line per figure
#   at the end, also written to target/bench/all-<time>.txt. ALL_RUNS (default 1) repeats each IngestBench pair.
# Builds the jar and the test classes, then runs the benchmark's main class on the test class path.
# Figures are printed and written as JSON under target/bench/. See docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bench="$1"; shift
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q package -DskipTests
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
run() {
  java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$PWD/target/test-classes:$PWD/target/classes:$(cat target/bench-classpath.txt)" \
    "io.marketbridge.bench.$1" "${@:2}"
}
if [ "$bench" != all ]; then
  run "$bench" "$@"
  exit $?
fi

stamp=$(date -u +%Y%m%d-%H%M%S)
mkdir -p target/bench
log="target/bench/all-$stamp.log"
summary="target/bench/all-$stamp.txt"
started=$(date +%s)
orders="${ALL_ORDERS:-2000}"
accounts="${ALL_ACCOUNTS:-10}"
runs="${ALL_RUNS:-1}"
: > "$log"
for marketplace in coupang naver elevenst esm lotteon qoo10; do
  for confirm in true false; do
    echo "== IngestBench $marketplace autoConfirm=$confirm ($(date +%T))"
    # a failed benchmark is reported in the summary (with the ratios of the variants it finished), the others still run
    before=$(wc -l < "$log")
    if ! run IngestBench marketplace="$marketplace" orders="$orders" accounts="$accounts" variants=h2-db,files runs="$runs" \
        autoConfirm="$confirm" "$@" 2>&1 | tee -a "$log" | grep -E '^(ingest|summary)'; then
      finished=$(tail -n +$((before + 1)) "$log" | grep -E '^ingest .* run [0-9]+: runtime' | sed -E 's/^ingest +([a-z0-9-]+) +run ([0-9]+):.*ratio ([0-9.]+)$/\1 run \2 \3/' | paste -sd ',' - || true)
      echo "summary: ingest $marketplace confirm=$([ "$confirm" = true ] && echo on || echo off) FAILED (finished: ${finished:-none}); see $log" | tee -a "$log"
    fi
  done
done
echo "== AccountsBench 10000 ($(date +%T))"
run AccountsBench accounts=10000 threads=50 latencyMs=50 2>&1 | tee -a "$log" | grep -E '^accounts' \
  || echo "summary: accounts FAILED" | tee -a "$log"
echo "== FreshnessBench ($(date +%T))"
run FreshnessBench accounts=10 perMinute=30 minutes=2 periodSeconds=60 2>&1 | tee -a "$log" | grep -E '^freshness' \
  || echo "summary: freshness FAILED" | tee -a "$log"

{
  echo "bench/run.sh all, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
    "$(java -version 2>&1 | head -1), load average at the end $(cut -d' ' -f1-3 /proc/loadavg), $(( ($(date +%s) - started) / 60 )) min"
  grep -E '^summary: ' "$log" | sed 's/^summary: //'
  # accounts: heap after a cycle per account is the memory an account costs
  grep -E '^accounts +[0-9]+:' "$log" | sed -E 's/^accounts +([0-9]+): start-up +([0-9.]+) s, heap after start +([0-9.]+) MiB, after a cycle +([0-9.]+) MiB, cycle +([0-9.]+) s.*failed polls ([0-9]+).*/accounts \1: start-up \2 s, heap after a cycle \4 MiB (\4 MiB \/ \1 accounts), cycle \5 s, failed polls \6/' \
    | awk '{ if (match($0, /\(([0-9.]+) MiB \/ ([0-9]+) accounts\)/, m)) { sub(/\([0-9.]+ MiB \/ [0-9]+ accounts\)/, sprintf("= %.1f KiB per account", m[1] * 1024 / m[2])) } print }'
  grep -E '^freshness: [0-9]+ orders' "$log"
} | tee "$summary"
echo "summary written to $summary"
