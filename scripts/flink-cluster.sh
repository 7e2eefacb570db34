#!/usr/bin/env bash
# Runs a local Flink 1.19 session cluster (a JobManager and TaskManagers, each its own JVM) in the
# background, from the Maven-resolved jars.
#   scripts/flink-cluster.sh start|stop|status [--data-dir DIR] [--task-managers N] [--slots N]
#                                              [--rest-port P]
# Defaults: the data directory is $RTGRAPH_FLINK_DIR, else .local/flink; one TaskManager with as
# many slots as the four topic jobs need together (the sum of --parallelism in
# runner-configs/topics/*.args), so that scripts/submit-all.sh can run all of them.
# start prints the REST API and web UI address (also in DIR/rest.address; use it as --flinkMaster);
# the REST port is 8081 when free, else a free one. status exits 3 when not running.
set -euo pipefail
caller=$PWD
source "$(dirname "$0")/lib/tools.sh"
cd "$rtgraph_root"

# A relative --data-dir means relative to where the script was called from, not to the repo root.
abs() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$caller" "$1" ;; esac; }
args=()
data_dir_given=""
slots_given=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir|--dataDir) data_dir_given=1; args+=("$1"); shift; if [ $# -gt 0 ]; then args+=("$(abs "$1")"); shift; fi ;;
    --data-dir=*|--dataDir=*) data_dir_given=1; args+=("--data-dir=$(abs "${1#*=}")"); shift ;;
    --slots|--slots=*) slots_given=1; args+=("$1"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done
[ -n "$data_dir_given" ] || args+=("--data-dir=$(local_flink_dir)")
if [ -z "$slots_given" ] && [ "${args[0]:-}" = "start" ]; then
  args+=("--slots=$(topic_jobs_slots)")
fi

RTGRAPH_TOOL_HEAP=256m run_tool io.rtgraph.tools.servers.LocalFlinkClusterCommand "${args[@]}"
