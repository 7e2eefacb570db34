#!/usr/bin/env bash
# Runs a local single-node Kafka broker (KRaft) in the background, from the Maven-resolved jars.
#   scripts/kafka-local.sh start|stop|status [--saslSsl] [--dataDir DIR]   (default .local/kafka)
# start prints the bootstrap address (also in DIR/bootstrap.servers); with --saslSsl it also
# prints the client properties file (SCRAM-SHA-512 over TLS). status exits 3 when not running.
# The kebab-case spellings (--sasl-ssl, --data-dir) work too.
set -euo pipefail
caller=$PWD
source "$(dirname "$0")/lib/tools.sh"
cd "$rtgraph_root"

parse_server_args "$@"
RTGRAPH_TOOL_HEAP=256m run_tool io.rtgraph.tools.servers.LocalKafka "${server_args[@]}"
