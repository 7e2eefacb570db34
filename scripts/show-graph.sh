#!/usr/bin/env bash
# Reads the graph topics back from Kafka, folds them, and prints a node's neighbourhood.
#   scripts/show-graph.sh --bootstrapServers=127.0.0.1:9092 --node=Account:demo-account --hops=3
set -euo pipefail
source "$(dirname "$0")/lib/tools.sh"
run_tool io.rtgraph.tools.graph.ShowGraph "$@"
