#!/usr/bin/env bash
# Submits the four topic pipelines to the Flink cluster as four separate jobs, each with its own
# flags from runner-configs/topics/, and returns; the jobs run on until stopped.
#   scripts/submit-all.sh [--flinkMaster=host:port] [--bootstrapServers=...] [more flags for every job]
set -euo pipefail
source "$(dirname "$0")/lib/tools.sh"
master=$(local_flink_rest || true)
for arg in "$@"; do case "$arg" in --flinkMaster=*) master=${arg#*=} ;; esac; done
[ -n "$master" ] || { echo "no Flink cluster: start one with scripts/flink-cluster.sh start, or pass --flinkMaster=host:port" >&2; exit 2; }
for topic in member.playback member.login member.gameplay member.live; do
  echo "==> Submitting $topic to $master"
  "$rtgraph_root/scripts/run-pipeline.sh" "$topic" flink-cluster --flinkMaster="$master" --detach=true "$@"
done
"$rtgraph_root/scripts/flink-jobs.sh" --rest="$master"
