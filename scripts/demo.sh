#!/usr/bin/env bash
# The one-command local run: builds, starts a local Kafka broker, generates events, runs the four
# topic pipelines on Flink's embedded mini-cluster until their input is drained (writing the graph
# topics, the dead-letter topics, the Iceberg graph tables and raw archives), prints what each did,
# reads the graph back from Kafka and checks it, queries the Iceberg tables for the example
# member's neighbourhood, then stops everything it started. Then the fifth vertical, member.rating,
# added by its mapping file alone (runner-configs/topics/member.rating.mapping.yaml), runs the same
# way and its RATED edges show in the example member's neighbourhood. State lives in .local/demo/
# and is wiped at each run.
#
#   scripts/demo.sh [--eventsPerTopic=N] [--runner-config=flink-local|direct]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

events=3000
runner=flink-local
for arg in "$@"; do
  case "$arg" in
    --events-per-topic=*|--eventsPerTopic=*) events=${arg#*=} ;;
    --runner-config=*) runner=${arg#*=} ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

state=.local/demo
step() { printf '\n==> %s\n' "$*"; }

stop_all() {
  status=$?
  if [ -f "$state/kafka/broker.pid" ]; then
    step "Stopping the local Kafka broker"
    scripts/kafka-local.sh stop --dataDir "$state/kafka" || true
  fi
  exit $status
}
trap stop_all EXIT
trap 'exit 130' INT TERM

step "Building (mvn install -DskipTests)"
mvn -q -B -ntp install -DskipTests

scripts/kafka-local.sh stop --dataDir "$state/kafka" >/dev/null 2>&1 || true
rm -rf "$state"
mkdir -p "$state"

step "Starting a local Kafka broker"
scripts/kafka-local.sh start --dataDir "$state/kafka"
bootstrap=$(cat "$state/kafka/bootstrap.servers")

step "Generating $events events per topic into member.playback, member.login, member.gameplay, member.live"
scripts/generate-events.sh --bootstrapServers="$bootstrap" --eventsPerTopic="$events" \
  --expectedGraph="$state/expected-graph.jsonl"
step "Generating $events events into member.rating, from its mapping file"
scripts/generate-events.sh --bootstrapServers="$bootstrap" --eventsPerTopic="$events" --topics=member.rating

run_topic() {
  step "Running the $1 pipeline on $runner until its input is drained"
  scripts/run-pipeline.sh "$1" "$runner" --bootstrapServers="$bootstrap" \
    --icebergWarehouse="$root/$state/warehouse" --icebergCommitInterval=5s \
    --idleTimeout=5s --exitAfterIdle=15s --progressInterval=5s | tee "$state/$1.out"
}
print_summaries() {
  printf '%-16s %10s %10s %10s %13s %11s %15s %16s\n' topic records_in filtered dead_letter graph_events raw_updates emitted_updates write_reduction
  for topic in "$@"; do
    line=$(grep -E '\] (summary|job ended)' "$state/$topic.out" | tail -n 1 | sed -E 's/.*summary //')
    value() { echo "$line" | grep -oE "(^| )$1=[^ ]+" | cut -d= -f2; }
    printf '%-16s %10s %10s %10s %13s %11s %15s %16s\n' "$topic" "$(value records_in)" "$(value filtered)" \
      "$(value dead_lettered)" "$(value graph_events)" "$(value raw_updates)" "$(value emitted_updates)" "$(value write_reduction)"
  done
}

netflix_topics=(member.playback member.login member.gameplay member.live)
for topic in "${netflix_topics[@]}"; do run_topic "$topic"; done

step "What each pipeline did"
print_summaries "${netflix_topics[@]}"

step "The graph read back from the Kafka graph topics, compared with the one expected from the events"
scripts/show-graph.sh --bootstrapServers="$bootstrap" --expectedGraph="$state/expected-graph.jsonl"

step "The fifth vertical, member.rating: runner-configs/topics/member.rating.mapping.yaml and .args, no code"
run_topic member.rating
print_summaries member.rating

step "The example member across the verticals, queried from the Iceberg graph tables"
echo "scripts/query-graph.sh neighbours Account:demo-account --direction=OUT --hops=3 --warehouse=$state/warehouse"
scripts/query-graph.sh neighbours Account:demo-account --direction=OUT --hops=3 --warehouse="$state/warehouse"

step "Done. The broker is being stopped; the run's files are in $state/"
