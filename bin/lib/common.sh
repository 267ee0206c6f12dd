# shellcheck shell=bash
# Sourced by bin/local-stack and bin/kafka-tool: the repository's Maven test class path, so the local
# stack and the tools run exactly the Kafka, Connect, Spark and S3 versions the tests use.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STACK_DIR=${LOCAL_STACK_DIR:-$REPO_ROOT/.local-stack}

# Writes $STACK_DIR/classpath.txt (dependency jars only) when missing or older than pom.xml, and
# compiles the project when its classes are missing.
ensure_classpath() {
  mkdir -p "$STACK_DIR"
  local cp_file=$STACK_DIR/classpath.txt
  if [[ ! -s $cp_file || $REPO_ROOT/pom.xml -nt $cp_file ]]; then
    echo "Resolving the Maven test class path..." >&2
    run_maven dependency:build-classpath -DincludeScope=test -Dmdep.outputFile="$cp_file.tmp" &&
      mv "$cp_file.tmp" "$cp_file" || return 1
  fi
  if [[ ! -d $REPO_ROOT/target/test-classes ]]; then
    echo "Compiling (target/test-classes is missing)..." >&2
    run_maven test-compile || return 1
  fi
}

# Maven with its output in .local-stack/maven.log, shown only when it fails.
run_maven() {
  if ! (cd "$REPO_ROOT" && mvn -q -B -ntp "$@") >"$STACK_DIR/maven.log" 2>&1; then
    tail -n 30 "$STACK_DIR/maven.log" >&2
    return 1
  fi
}

# Dependency jars plus the project's classes and test classes (the local S3 and warehouse mains).
full_classpath() {
  echo "$REPO_ROOT/target/test-classes:$REPO_ROOT/target/classes:$(<"$STACK_DIR/classpath.txt")"
}

# What a Connect distribution has: Connect and its dependencies, resolved from bin/lib/connect-worker.pom.xml,
# and none of this project's jars: the worker loads the connector from plugin.path in isolation, as in
# production, so a jar missing from the plugin archive, or a clash with the worker's own jars, shows here.
worker_classpath() {
  local cp_file=$STACK_DIR/worker-classpath.txt
  if [[ ! -s $cp_file || $REPO_ROOT/bin/lib/connect-worker.pom.xml -nt $cp_file ]]; then
    run_maven -f bin/lib/connect-worker.pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file.tmp" &&
      mv "$cp_file.tmp" "$cp_file" || return 1
  fi
  cat "$cp_file"
}

# Command-line tools print their results on stdout, so their log goes to stderr, warnings only.
write_tools_log_config() {
  mkdir -p "$STACK_DIR/run"
  cat >"$STACK_DIR/run/tools-log4j2.properties" <<'EOF'
status = error
appender.err.type = Console
appender.err.name = err
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.err.ref = err
EOF
}

# run_tool CLASS ARGS...: a short-lived Kafka tool on the full class path.
run_tool() {
  java -Dlog4j2.configurationFile="$STACK_DIR/run/tools-log4j2.properties" -cp "$(full_classpath)" "$@"
}
