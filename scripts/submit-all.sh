#!/usr/bin/env bash
# Submits every topic pipeline (one per runner-configs/topics/<topic>.args: the four Netflix topics
# and any vertical added by configuration) to the Flink cluster as separate jobs, each with its own
# flags, waits until every task of each job runs, and returns; the jobs run on until stopped.
#   scripts/submit-all.sh [--flinkMaster=host:port] [--running-timeout=3m] [--bootstrapServers=...]
#                         [more flags for every job]
# Before submitting anything it checks that the cluster has the free task slots the jobs need
# together (each job takes its --parallelism). After each submission it waits up to
# --running-timeout for every task of the job to be RUNNING. It exits non-zero, naming the job and
# the reason (tasks without a slot, the job's failure), when either does not hold.
set -euo pipefail
source "$(dirname "$0")/lib/tools.sh"
topics=()
for file in "$rtgraph_root"/runner-configs/topics/*.args; do topics+=("$(basename "$file" .args)"); done
master=$(local_flink_rest || true)
timeout=3m
job_flags=()
for arg in "$@"; do
  case "$arg" in
    --running-timeout=*) timeout=${arg#*=} ;;
    --flinkMaster=*) master=${arg#*=}; job_flags+=("$arg") ;;
    *) job_flags+=("$arg") ;;
  esac
done
[ -n "$master" ] || { echo "no Flink cluster: start one with scripts/flink-cluster.sh start, or pass --flinkMaster=host:port" >&2; exit 2; }

jobs_command() { RTGRAPH_TOOL_HEAP=128m run_launcher_tool io.rtgraph.launcher.FlinkJobsCommand "$@"; }

needs=()
for topic in "${topics[@]}"; do
  needs+=("$(topic_flag "$topic" jobName "${job_flags[@]}")=$(topic_flag "$topic" parallelism "${job_flags[@]}" | sed 's/^$/1/')")
done
jobs_command check-slots --rest="$master" "${needs[@]}"

for topic in "${topics[@]}"; do
  job=$(topic_flag "$topic" jobName "${job_flags[@]}")
  echo "==> Submitting $topic to $master as $job"
  submitted_after=$(($(date +%s) * 1000 - 1000))
  "$rtgraph_root/scripts/run-pipeline.sh" "$topic" flink-cluster --flinkMaster="$master" --detach=true "${job_flags[@]}"
  jobs_command await-running --rest="$master" --timeout="$timeout" --submitted-after="$submitted_after" "$job"
done
"$rtgraph_root/scripts/flink-jobs.sh" --rest="$master"
