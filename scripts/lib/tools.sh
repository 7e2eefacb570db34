# Sourced by the scripts: runs a main class of the tools, launcher or pipelines module from the reactor's own
# build output (target/ jars and classes, and the runtime class path that maven-dependency-plugin
# writes at package), never from ~/.m2, where io.rtgraph artifacts may be stale or missing.
# Builds the project (mvn package, no install) only when an output is missing.

rtgraph_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# The reactor build the scripts need: every module packaged, tests skipped. In a reactor build the
# runtime class paths name the sibling modules' target/ jars, so nothing is installed.
build_project() {
  echo "Building the project (mvn package; later runs reuse it)..." >&2
  (cd "$rtgraph_root" && mvn -q -B -ntp package -DskipTests) >&2
}

tools_jar() {
  ls "$rtgraph_root"/tools/target/rtgraph-tools-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1 || true
}

# Builds what the scripts need, once: the tools jar, its runtime class path, the server class paths.
ensure_built() {
  if [ -z "$(tools_jar)" ] || [ ! -f "$rtgraph_root/tools/target/runtime-classpath.txt" ] \
      || [ ! -f "$rtgraph_root/servers/kafka/target/classpath.txt" ] \
      || [ ! -f "$rtgraph_root/servers/flink/target/classpath.txt" ] || [ -n "${RTGRAPH_REBUILD:-}" ]; then
    build_project
  fi
}

# The pipelines' classes, runtime class path and the job jar a cluster receives.
ensure_pipelines_built() {
  if [ ! -d "$rtgraph_root/pipelines/target/classes" ] \
      || [ ! -f "$rtgraph_root/pipelines/target/runtime-classpath.txt" ] \
      || [ ! -f "$rtgraph_root/pipelines/target/rtgraph-job.jar" ] || [ -n "${RTGRAPH_REBUILD:-}" ]; then
    build_project
  fi
}

# The launcher's classes and runtime class path (FlinkJobsCommand).
ensure_launcher_built() {
  if [ ! -d "$rtgraph_root/launcher/target/classes" ] \
      || [ ! -f "$rtgraph_root/launcher/target/runtime-classpath.txt" ] || [ -n "${RTGRAPH_REBUILD:-}" ]; then
    build_project
  fi
}

tools_classpath() {
  printf '%s:%s' "$(tools_jar)" "$(cat "$rtgraph_root/tools/target/runtime-classpath.txt")"
}

pipelines_classpath() {
  printf '%s:%s' "$rtgraph_root/pipelines/target/classes" "$(cat "$rtgraph_root/pipelines/target/runtime-classpath.txt")"
}

launcher_classpath() {
  printf '%s:%s' "$rtgraph_root/launcher/target/classes" "$(cat "$rtgraph_root/launcher/target/runtime-classpath.txt")"
}

# run_tool MAIN_CLASS [ARGS...]: runs in the current directory with a modest heap.
run_tool() {
  ensure_built
  local main=$1
  shift
  java -Xmx${RTGRAPH_TOOL_HEAP:-1g} -cp "$(tools_classpath)" "$main" "$@"
}

# run_launcher_tool MAIN_CLASS [ARGS...]: a main of the launcher module, same way.
run_launcher_tool() {
  ensure_launcher_built
  local main=$1
  shift
  java -Xmx${RTGRAPH_TOOL_HEAP:-1g} -cp "$(launcher_classpath)" "$main" "$@"
}

# The data directory of the local Flink cluster of scripts/flink-cluster.sh.
local_flink_dir() {
  printf '%s' "${RTGRAPH_FLINK_DIR:-$rtgraph_root/.local/flink}"
}

# The REST address of the local Flink cluster that scripts/flink-cluster.sh started, if any.
local_flink_rest() {
  local file
  file="$(local_flink_dir)/rest.address"
  [ -f "$file" ] && cat "$file"
}

# topic_flag TOPIC NAME [FLAGS...]: the value of --NAME for a topic job: the last one among its
# topic config (runner-configs/topics/TOPIC.args) and FLAGS, as scripts/run-pipeline.sh composes them.
topic_flag() {
  local topic=$1 name=$2 value="" flag
  shift 2
  while IFS= read -r flag; do
    case "$flag" in "--$name="*) value=${flag#*=} ;; esac
  done < <(grep -vE '^[[:space:]]*(#|$)' "$rtgraph_root/runner-configs/topics/$topic.args"; printf '%s\n' "$@")
  printf '%s' "$value"
}

# The task slots the four topic jobs need together: Beam's operators share one slot group, so a
# job takes as many slots as its --parallelism.
topic_jobs_slots() {
  local total=0 file parallelism
  for file in "$rtgraph_root"/runner-configs/topics/*.args; do
    parallelism=$(topic_flag "$(basename "$file" .args)" parallelism)
    total=$((total + ${parallelism:-1}))
  done
  printf '%s' "$total"
}

# parse_server_args ARGS...: the arguments of scripts/kafka-local.sh and scripts/flink-cluster.sh for their
# command, in the array server_args, with a relative --dataDir (or --data-dir) made absolute against
# the directory the script was called from ($caller), not the repo root the command runs in;
# data_dir_given says whether one was given.
parse_server_args() {
  server_args=()
  data_dir_given=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --data-dir|--dataDir)
        data_dir_given=1; server_args+=("$1"); shift
        if [ $# -gt 0 ]; then server_args+=("$(absolute_path "$1")"); shift; fi ;;
      --data-dir=*|--dataDir=*)
        data_dir_given=1; server_args+=("--dataDir=$(absolute_path "${1#*=}")"); shift ;;
      *) server_args+=("$1"); shift ;;
    esac
  done
}

absolute_path() {
  case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$caller" "$1" ;; esac
}
