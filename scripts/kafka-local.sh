#!/usr/bin/env bash
# Runs a local single-node Kafka broker (KRaft) in the background, from the Maven-resolved jars.
#   scripts/kafka-local.sh start|stop|status [--sasl-ssl] [--data-dir DIR]   (default .local/kafka)
# start prints the bootstrap address (also in DIR/bootstrap.servers); with --sasl-ssl it also
# prints the client properties file (SCRAM-SHA-512 over TLS). status exits 3 when not running.
set -euo pipefail
caller=$PWD
source "$(dirname "$0")/lib/tools.sh"
cd "$rtgraph_root"

# A relative --data-dir means relative to where the script was called from, not to the repo root.
abs() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$caller" "$1" ;; esac; }
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir|--dataDir) args+=("$1"); shift; if [ $# -gt 0 ]; then args+=("$(abs "$1")"); shift; fi ;;
    --data-dir=*|--dataDir=*) args+=("--data-dir=$(abs "${1#*=}")"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done

RTGRAPH_TOOL_HEAP=256m run_tool io.rtgraph.tools.servers.LocalKafkaCommand "${args[@]}"
