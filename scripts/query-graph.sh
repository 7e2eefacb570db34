#!/usr/bin/env bash
# Queries the graph: the current-graph tables (graph_nodes, graph_edges) plus the updates not yet
# folded into them by scripts/maintain-graph.sh; --full-fold folds every update instead (same answer).
#   scripts/query-graph.sh node Account:demo-account
#   scripts/query-graph.sh edge 'PLAYS:Profile:demo-profile->Game:g-stranger'
#   scripts/query-graph.sh neighbours Profile:demo-profile --direction=OUT --hops=2 --edgeType=PLAYS,BASED_ON
#   scripts/query-graph.sh neighbours Title:t-stranger --direction=IN --since=2026-11-27T10:00:00Z --limit=10 --json
# Options: --warehouse (default .local/warehouse), --catalogType, --catalogProperties, --namespace,
# --fullFold, --currentNodeTable, --currentEdgeTable, --nodeTable, --edgeTable (kebab-case works too).
# Exit codes: 0 answered, 2 a bad query, 3 no such id.
set -euo pipefail
source "$(dirname "$0")/lib/tools.sh"
run_tool io.rtgraph.tools.query.QueryGraph "$@"
