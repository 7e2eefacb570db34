#!/usr/bin/env bash
# Runs a local Flink 1.19 session cluster (a JobManager and TaskManagers, each its own JVM) in the
# background, from the Maven-resolved jars.
#   scripts/flink-cluster.sh start|stop|status [--data-dir DIR] [--task-managers N] [--slots N]
#                                              [--rest-port P]     (default .local/flink, 1 x 4 slots)
# start prints the REST API and web UI address (also in DIR/rest.address; use it as --flinkMaster);
# the REST port is 8081 when free, else a free one. status exits 3 when not running.
set -euo pipefail
caller=$PWD
source "$(dirname "$0")/lib/tools.sh"
cd "$rtgraph_root"

# A relative --data-dir means relative to where the script was called from, not to the repo root.
abs() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$caller" "$1" ;; esac; }
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) args+=("$1"); shift; if [ $# -gt 0 ]; then args+=("$(abs "$1")"); shift; fi ;;
    --data-dir=*) args+=("--data-dir=$(abs "${1#*=}")"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done

# The cluster's class path; the tools build (run_tool) resolves it too, this covers older builds.
if [ ! -f servers/flink/target/classpath.txt ]; then
  echo "Resolving the Flink cluster's jars (first run)..." >&2
  mvn -q -B -ntp install -pl servers,servers/flink >&2
fi

RTGRAPH_TOOL_HEAP=256m run_tool io.rtgraph.tools.servers.LocalFlinkClusterCommand "${args[@]}"
