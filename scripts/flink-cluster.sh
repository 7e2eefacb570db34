#!/usr/bin/env bash
# Runs a local Flink 1.19 session cluster (a JobManager and TaskManagers, each its own JVM) in the
# background, from the Maven-resolved jars.
#   scripts/flink-cluster.sh start|stop|status [--dataDir DIR] [--taskManagers N] [--slots N]
#                                              [--restPort P]
# (the kebab-case spellings --data-dir, --task-managers, --rest-port work too).
# Defaults: the data directory is $RTGRAPH_FLINK_DIR, else .local/flink; one TaskManager with as
# many slots as the four topic jobs need together (the sum of --parallelism in
# runner-configs/topics/*.args), so that scripts/submit-all.sh can run all of them.
# start prints the REST API and web UI address (also in DIR/rest.address; use it as --flinkMaster);
# the REST port is 8081 when free, else a free one. status exits 3 when not running.
set -euo pipefail
caller=$PWD
source "$(dirname "$0")/lib/tools.sh"
cd "$rtgraph_root"

parse_server_args "$@"
[ -n "$data_dir_given" ] || server_args+=("--dataDir=$(local_flink_dir)")
slots_given=""
for arg in "${server_args[@]}"; do
  case "$arg" in --slots|--slots=*) slots_given=1 ;; esac
done
if [ -z "$slots_given" ] && [ "${server_args[0]:-}" = "start" ]; then
  server_args+=("--slots=$(topic_jobs_slots)")
fi

RTGRAPH_TOOL_HEAP=256m run_tool io.rtgraph.tools.servers.LocalFlinkCluster "${server_args[@]}"
