# shellcheck shell=bash
# Sourced by bench/soak, bench/throughput and bench/many-streams (after bin/lib/common.sh): the plugin
# build, the Connect worker's restart and the harness's compilation they share.

CLASSES=bench/target/classes

# awk reads all of status (grep -q would stop early, and pipefail would turn the SIGPIPE into "no").
connect_running() {
  bin/local-stack status | awk '$1 == "connect" && $2 == "running" { up = 1 } END { exit !up }'
}

# Stops the worker so the next `bin/local-stack up` starts it with the current plugins and settings.
stop_connect() {
  local pid
  pid=$(cat "$STACK_DIR/run/connect.pid")
  kill "$pid"
  # The JVM can outlive "Kafka Connect stopped" by minutes; the next start does not need it to finish.
  for _ in $(seq 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill -9 "$pid" 2>/dev/null || true
}

# Rebuilds the plugin only when the sources changed since the last bench build ($1, a stamp file).
build_plugin_if_changed() {
  local built=$1
  if [[ ! -f $built || -n $(find src pom.xml -newer "$built" -print -quit) ]]; then
    echo "bench: building the plugin (mvn -DskipTests package)..." >&2
    mvn -q -B -ntp -o -DskipTests package
    touch "$built"
    # A running worker still has the old plugin loaded.
    if connect_running; then
      echo "bench: restarting the Connect worker for the new plugin" >&2
      stop_connect
    fi
  fi
}

# Compiles bench/src into bench/target/classes when a source is newer, and writes the run's class path.
compile_harness() {
  if [[ ! -d $CLASSES || -n $(find bench/src -newer "$CLASSES" -name '*.java' -print -quit) ]]; then
    echo "bench: compiling the harness" >&2
    rm -rf "$CLASSES"
    mkdir -p "$CLASSES"
    find bench/src -name '*.java' >bench/target/sources.txt
    javac -nowarn -d "$CLASSES" -cp "$REPO_ROOT/target/classes:$(<"$STACK_DIR/classpath.txt")" @bench/target/sources.txt
  fi
  # An argfile keeps the 400-jar class path off the command line.
  echo "-cp \"$REPO_ROOT/$CLASSES:$(full_classpath)\"" >bench/target/classpath.args
}
