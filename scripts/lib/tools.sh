# Sourced by the scripts: runs a main class of the tools module with its Maven-resolved class path.
# Builds the project first when the tools jar or its class path file is missing.

rtgraph_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Builds what the scripts need, once: the tools jar, its runtime class path, the server class paths.
ensure_built() {
  local jar
  jar=$(ls "$rtgraph_root"/tools/target/rtgraph-tools-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1 || true)
  if [ -z "$jar" ] || [ ! -f "$rtgraph_root/tools/target/runtime-classpath.txt" ] \
      || [ ! -f "$rtgraph_root/servers/kafka/target/classpath.txt" ] \
      || [ ! -f "$rtgraph_root/servers/flink/target/classpath.txt" ] || [ -n "${RTGRAPH_REBUILD:-}" ]; then
    echo "Building the project (first run; later runs reuse it)..." >&2
    (cd "$rtgraph_root" && mvn -q -B -ntp install -DskipTests) >&2
  fi
}

tools_classpath() {
  local jar
  jar=$(ls "$rtgraph_root"/tools/target/rtgraph-tools-*.jar | grep -v -- '-tests.jar' | head -n 1)
  printf '%s:%s' "$jar" "$(cat "$rtgraph_root/tools/target/runtime-classpath.txt")"
}

# run_tool MAIN_CLASS [ARGS...]: runs in the current directory with a modest heap.
run_tool() {
  ensure_built
  local main=$1
  shift
  java -Xmx${RTGRAPH_TOOL_HEAP:-1g} -cp "$(tools_classpath)" "$main" "$@"
}

# run_pipelines_tool MAIN_CLASS [ARGS...]: a main of the pipelines module (launch/), same way.
run_pipelines_tool() {
  ensure_built
  if [ ! -f "$rtgraph_root/pipelines/target/runtime-classpath.txt" ]; then
    (cd "$rtgraph_root" && mvn -q -B -ntp install -DskipTests) >&2
  fi
  local main=$1
  shift
  java -Xmx${RTGRAPH_TOOL_HEAP:-1g} \
    -cp "$rtgraph_root/pipelines/target/classes:$(cat "$rtgraph_root/pipelines/target/runtime-classpath.txt")" "$main" "$@"
}

# The REST address of the local Flink cluster that scripts/flink-cluster.sh started, if any.
local_flink_rest() {
  local file="${RTGRAPH_FLINK_DIR:-$rtgraph_root/.local/flink}/rest.address"
  [ -f "$file" ] && cat "$file"
}
