#!/usr/bin/env bash
# Runs the graph tables' maintenance once, by hand or from cron: folds the graph updates committed
# since the last run into the current-graph tables (graph_nodes, graph_edges), then compacts small
# files and expires old snapshots of the graph tables and the raw archives. A batch job, on the
# DirectRunner (direct, the default) or on Flink (flink-batch: an embedded mini-cluster;
# flink-cluster: the local or --flinkMaster cluster), composed like scripts/run-pipeline.sh:
#   scripts/maintain-graph.sh
#   scripts/maintain-graph.sh flink-batch --icebergWarehouse=.local/warehouse --snapshotRetention=7d
#   scripts/maintain-graph.sh direct --targetFileSizeBytes=134217728 --archiveSnapshotRetention=180d
# Flags: --currentNodeTable, --currentEdgeTable, --nodeTable, --edgeTable, --targetFileSizeBytes,
# --snapshotRetention (7d), --archiveSnapshotRetention (90d), --archiveTables, and the Iceberg
# catalog flags of the topic pipelines. Exit codes: 0 done, 1 the job failed, 2 a bad flag.
set -euo pipefail
config=direct
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  config=$1
  shift
fi
exec "$(dirname "$0")/run-pipeline.sh" graph-maintenance "$config" "$@"
