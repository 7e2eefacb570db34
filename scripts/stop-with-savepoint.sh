#!/usr/bin/env bash
# Stops one topic's job on the Flink cluster with a savepoint (without draining: open merge buffers
# and pending timers go into the savepoint) and prints the savepoint's path, also recorded in
# <the local cluster's data directory>/savepoints/<topic>.last. Resume with
#   scripts/run-pipeline.sh <topic> flink-cluster --savepointPath=<path>
#   scripts/stop-with-savepoint.sh member.playback [--rest=host:port]
set -euo pipefail
source "$(dirname "$0")/lib/tools.sh"
[ $# -ge 1 ] || { echo "usage: $0 <topic> [--rest=host:port] [--target-dir=DIR]" >&2; exit 2; }
topic=$1
shift
rest=$(local_flink_rest || true)
for arg in "$@"; do case "$arg" in --rest=*) rest=${arg#*=} ;; esac; done
[ -n "$rest" ] || { echo "no Flink cluster address: start one with scripts/flink-cluster.sh start, or pass --rest=host:port" >&2; exit 2; }
args=()
for arg in "$@"; do case "$arg" in --rest=*) ;; *) args+=("$arg") ;; esac; done
run_launcher_tool io.rtgraph.launcher.FlinkJobsCommand stop-with-savepoint "$topic" --rest="$rest" \
  --record="$(local_flink_dir)/savepoints/$topic.last" "${args[@]}"
