#!/usr/bin/env bash
# Lists the jobs of the Flink cluster (name, state, tasks running, parallelism, checkpoints) from its
# REST API, and flags with (!) each running job whose tasks do not all run (for example waiting for
# a slot) or whose checkpoints are failing: Flink calls such a job RUNNING although it does nothing.
# Exits 4 when a job is flagged.
#   scripts/flink-jobs.sh [--rest=host:port]
set -euo pipefail
source "$(dirname "$0")/lib/tools.sh"
rest=$(local_flink_rest || true)
for arg in "$@"; do case "$arg" in --rest=*) rest=${arg#*=} ;; esac; done
[ -n "$rest" ] || { echo "no Flink cluster address: start one with scripts/flink-cluster.sh start, or pass --rest=host:port" >&2; exit 2; }
run_launcher_tool io.rtgraph.launcher.FlinkJobsCommand list --rest="$rest"
