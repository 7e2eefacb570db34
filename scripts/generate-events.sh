#!/usr/bin/env bash
# Writes seeded, realistic member events to the four source topics (or to files).
#   scripts/generate-events.sh --bootstrap-servers=127.0.0.1:9092 --events-per-topic=5000
#   scripts/generate-events.sh --to=files --output-dir=/tmp/events
#   scripts/generate-events.sh --help      (all the shares of heartbeats, late, malformed... records)
set -euo pipefail
source "$(dirname "$0")/lib/tools.sh"
run_tool io.rtgraph.tools.generator.GenerateEvents "$@"
