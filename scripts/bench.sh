#!/usr/bin/env bash
# The performance harness: starts its own Kafka broker, runs the playback pipeline on embedded
# Flink at parallelism 2 with checkpointing and real Kafka sinks, and prints one JSON line.
#   scripts/bench.sh                              throughput: 2,000,000 pre-loaded events, plus a
#                                                 baseline (plain consumer + the same parsing)
#   scripts/bench.sh --events=500000
#   scripts/bench.sh --rate=40000 --seconds=600   paced: p50/p99 lag and the heap over time
#   scripts/bench.sh --accounts=2000000 --accountSkew=0   events of 2,000,000 accounts drawn uniformly
#                                                 (the default: 20,000 accounts, Zipf-skewed)
#   scripts/bench.sh --catalogDir=DIR             catalogs from DIR, e.g. written by
#                                                 scripts/generate-events.sh --to=none --catalogDir=DIR
#                                                 --catalogTitles=200000 --catalogGames=20000 --catalogLiveEvents=5000
# Progress goes to stderr; the JSON line to stdout. JVM options: RTGRAPH_BENCH_JVM (default
# -Xmx4g -XX:+UseParallelGC: on two cores G1's concurrent work takes a fifth of the CPU from the
# task threads; docs/performance.md has both figures).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -f bench/target/runtime-classpath.txt ] || [ -n "${RTGRAPH_REBUILD:-}" ]; then
  echo "Building (first run)..." >&2
  mvn -q -B -ntp install -DskipTests >&2
fi
jar=$(ls bench/target/rtgraph-bench-*.jar | head -n 1)
exec java ${RTGRAPH_BENCH_JVM:--Xmx4g -XX:+UseParallelGC} -cp "$jar:$(cat bench/target/runtime-classpath.txt)" \
  io.rtgraph.bench.Bench "$@"
