#!/usr/bin/env bash
# Writes seeded, realistic member events to the four source topics (or to files).
#   scripts/generate-events.sh --bootstrapServers=127.0.0.1:9092 --eventsPerTopic=5000
#   scripts/generate-events.sh --to=files --outputDir=/tmp/events
#   scripts/generate-events.sh --to=none --catalogDir=/tmp/catalogs --catalogTitles=200000 \
#     --catalogGames=20000 --catalogLiveEvents=5000    catalogs of real size (the sample plus seeded entries)
#   scripts/generate-events.sh --help      (all the shares of heartbeats, late, malformed... records)
set -euo pipefail
source "$(dirname "$0")/lib/tools.sh"
run_tool io.rtgraph.tools.generator.GenerateEvents "$@"
