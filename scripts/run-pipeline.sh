#!/usr/bin/env bash
# Launches one topic pipeline, or a topic's backfill, in a JVM on the pipelines module's own build
# output (target/classes and the runtime class path written at package; built when missing) with
# the composed flags:
#   runner-configs/<runner-config>.args, then runner-configs/topics/<topic>.args, then your flags
# (a later flag wins). Relative paths in the flag files are relative to the repository root.
# Any topic with a runner-configs/topics/<topic>.args runs: its --topicMapping file says how its
# events become the graph, so a new vertical needs no code here.
#
#   scripts/run-pipeline.sh member.playback flink-local --bootstrapServers=127.0.0.1:9092
#   scripts/run-pipeline.sh member.login direct --exitAfterIdle=15s
#   scripts/run-pipeline.sh member.playback-backfill flink-batch --from=2026-11-27T00:00:00Z --to=2026-11-28T00:00:00Z
#   scripts/run-pipeline.sh graph-maintenance flink-batch      (scripts/maintain-graph.sh runs this)
# graph-maintenance has no topic config: runner config, then your flags.
set -euo pipefail
source "$(dirname "$0")/lib/tools.sh"
root=$rtgraph_root

known_topics() {
  for file in "$root"/runner-configs/topics/*.args; do basename "$file" .args; done | paste -sd '|' -
}
usage() {
  echo "usage: $0 <$(known_topics)>[-backfill]|graph-maintenance <direct|flink-local|flink-batch|flink-cluster|FILE.args> [--flag=value ...]" >&2
  exit 2
}
[ $# -ge 2 ] || usage
topic=$1
config=$2
shift 2

main=io.rtgraph.pipelines.TopicPipeline
backfill_flags=""
case "$topic" in
  *-backfill)
    topic=${topic%-backfill}
    main=io.rtgraph.pipelines.BackfillPipeline
    backfill_flags="--sourceTopic=$topic "
    ;;
esac
if [ "$topic" = graph-maintenance ]; then
  main=io.rtgraph.pipelines.MaintainGraphPipeline
  topic_file=/dev/null
else
  topic_file="$root/runner-configs/topics/$topic.args"
  [ -f "$topic_file" ] || { echo "unknown topic '$topic': no $topic_file" >&2; usage; }
  grep -qE '^--topicMapping=' "$topic_file" || { echo "$topic_file names no --topicMapping file" >&2; exit 2; }
fi
if [ -f "$config" ]; then runner_file=$config; else runner_file="$root/runner-configs/$config.args"; fi
[ -f "$runner_file" ] || { echo "no runner config '$config' (looked for $runner_file)" >&2; usage; }

# Flags from files, one per line; paths of existing repository files become absolute.
flags_of() {
  grep -vE '^[[:space:]]*(#|$)' "$1" | while IFS= read -r flag; do
    value=${flag#*=}
    if [ "$value" != "$flag" ] && [ -e "$root/$value" ]; then flag="${flag%%=*}=$root/$value"; fi
    printf '%s ' "$flag"
  done
}
# Beam rejects a repeated flag, so keep only the last occurrence of each name.
last_wins() {
  tr ' ' '\n' | grep -v '^$' | awk -F= '{ name[NR] = $1; flag[NR] = $0; last[$1] = NR }
    END { for (i = 1; i <= NR; i++) if (last[name[i]] == i) printf "%s ", flag[i] }'
}
cd "$root"
ensure_pipelines_built
# A cluster config without an explicit --flinkMaster targets the local cluster, when one runs, and
# keeps the jobs' checkpoints in that cluster's data directory.
local_master=""
if [ "$(basename "$runner_file")" = "flink-cluster.args" ] && local_rest=$(local_flink_rest); then
  local_master="--flinkMaster=$local_rest --stateBackendStoragePath=file://$(local_flink_dir)/checkpoints "
fi
args=$(printf '%s %s%s %s %s' "$(flags_of "$runner_file")" "$local_master" "$(flags_of "$topic_file")" "$backfill_flags" "$*" | last_wins)
echo "Launching $main with: $args" >&2
# A plain JVM on the reactor's output rather than exec:exec, which would resolve the sibling modules
# from ~/.m2 (stale or missing snapshots); and not exec:java, under whose class loader Flink's
# mini-cluster cannot load its own classes.
# shellcheck disable=SC2086 # the flags are words; last_wins has already split them
exec java -Xmx${RTGRAPH_PIPELINE_HEAP:-2g} -XX:+UseG1GC -cp "$(pipelines_classpath)" "$main" $args
