#!/usr/bin/env bash
# Queries the materialized graph folded from the Iceberg graph tables.
#   scripts/query-graph.sh node Account:demo-account
#   scripts/query-graph.sh edge 'PLAYS:Profile:demo-profile->Game:g-stranger'
#   scripts/query-graph.sh neighbours Profile:demo-profile --direction=OUT --hops=2 --edge-type=PLAYS,BASED_ON
#   scripts/query-graph.sh neighbours Title:t-stranger --direction=IN --since=2026-11-27T10:00:00Z --limit=10 --json
# Options: --warehouse (default .local/warehouse), --catalog-type, --catalog-properties, --namespace.
# Exit codes: 0 answered, 2 a bad query, 3 no such id.
set -euo pipefail
source "$(dirname "$0")/lib/tools.sh"
run_tool io.rtgraph.tools.query.QueryGraph "$@"
