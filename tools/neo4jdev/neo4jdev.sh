#!/usr/bin/env bash
# neo4jdev.sh — a throw-away Neo4j Community server (Bolt only, no auth) for
# development and tests.
#
#   tools/neo4jdev/neo4jdev.sh build    build the launcher if needed (quick when up to date)
#   tools/neo4jdev/neo4jdev.sh start    start in the background; prints only the bolt URI on stdout:
#                                         NEO4J_URI=$(tools/neo4jdev/neo4jdev.sh start)
#   tools/neo4jdev/neo4jdev.sh stop     stop it (SIGTERM, then SIGKILL after 60 s); idempotent
#   tools/neo4jdev/neo4jdev.sh status   print the URI and pid if running (exit 0), else exit 3
#   tools/neo4jdev/neo4jdev.sh uri      print the URI if running (exit 0), else exit 3
#   tools/neo4jdev/neo4jdev.sh run [ARGS]  run in the foreground (Ctrl-C stops it)
#
# Environment:
#   NEO4JDEV_PORT           Bolt port on 127.0.0.1 (default 7687; 0 picks a free one)
#   NEO4JDEV_DIR            directory for the pid, log and URI files (default: tools/neo4jdev/run)
#   NEO4JDEV_DATA_DIR       keep the database in this directory instead of a temporary one
#   NEO4JDEV_CONFIG         a neo4j.conf-style file of settings applied over the defaults
#   NEO4JDEV_START_TIMEOUT  seconds to wait for READY (default 180)
#   NEO4JDEV_JAVA           java executable (default: $JAVA_HOME/bin/java, else java on PATH)
#   NEO4JDEV_JAVA_OPTS      extra JVM options, appended to the defaults
#
# All output except the URI goes to stderr.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="${NEO4JDEV_DIR:-$HERE/run}"
PORT="${NEO4JDEV_PORT:-7687}"
START_TIMEOUT="${NEO4JDEV_START_TIMEOUT:-180}"
STOP_TIMEOUT=60
MAIN_CLASS=officialgraph.neo4jdev.Main

TARGET="$HERE/target"
STAMP="$TARGET/.neo4jdev-built"
PID_FILE="$RUN_DIR/neo4jdev.pid"
LOG_FILE="$RUN_DIR/neo4jdev.log"
URI_FILE="$RUN_DIR/neo4jdev.uri"

# JVM options: the module opens and flags that Neo4j 5.26's own neo4j.conf
# uses for Java 17/21, plus the other opens commonly given to embedded Neo4j.
JVM_OPTS=(
  -Xms128m -Xmx1g
  -XX:+UseG1GC
  -XX:-OmitStackTraceInFastThrow
  -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields
  -XX:+DisableExplicitGC
  -XX:+ExitOnOutOfMemoryError
  -Djdk.nio.maxCachedBufferSize=1024
  -Dio.netty.tryReflectionSetAccessible=true
  -Dlog4j2.disable.jmx=true
  -Dfile.encoding=UTF-8
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED
)

log() { printf 'neo4jdev: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

java_bin() {
  if [[ -n "${NEO4JDEV_JAVA:-}" ]]; then
    printf '%s\n' "$NEO4JDEV_JAVA"
  elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    printf '%s\n' "$JAVA_HOME/bin/java"
  else
    command -v java || die "java not found (Java 17 or newer is needed)"
  fi
}

# --- build -----------------------------------------------------------------

needs_build() {
  [[ -f "$STAMP" && -d "$TARGET/classes" && -d "$TARGET/lib" ]] || return 0
  [[ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$STAMP" -print -quit)" ]]
}

cmd_build() {
  if ! needs_build; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (Maven 3.6 or newer is needed)"
  log "building (mvn package dependency:copy-dependencies)"
  # When pom.xml changed, start from an empty lib/ so that jars of an older Neo4j
  # version never linger on the classpath. (Only then: a server that is running
  # from these jars keeps working across a rebuild of the launcher's own classes.)
  if [[ ! -f "$STAMP" || "$HERE/pom.xml" -nt "$STAMP" ]]; then
    rm -rf "$TARGET/lib"
  fi
  rm -f "$STAMP"
  # (Some Maven 3.8 builds print bare colour resets even in quiet batch mode: drop them.)
  (cd "$HERE" && mvn -q -B -Dstyle.color=never package dependency:copy-dependencies) 2>&1 \
    | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2 \
    || die "build failed"
  touch "$STAMP"
}

# --- process helpers -------------------------------------------------------

# Is $1 a live process of ours (not a recycled pid)?
is_ours() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  ps -p "$pid" -o args= 2>/dev/null | grep -q "$MAIN_CLASS"
}

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  is_ours "$pid" || return 1
  printf '%s\n' "$pid"
}

ready_uri() {
  [[ -f "$LOG_FILE" ]] || return 1
  sed -n 's/^READY \(bolt:\/\/[^ ]*\)$/\1/p' "$LOG_FILE" | tail -n 1 | grep .
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# After a SIGKILL the launcher cannot delete its temporary data directory.
remove_temp_data() {
  [[ -f "$LOG_FILE" ]] || return 0
  local dir
  dir="$(sed -n 's/^neo4jdev: temporary data directory //p' "$LOG_FILE" | tail -n 1)"
  if [[ -n "$dir" && -d "$dir" && "$(basename "$dir")" == neo4jdev-* ]]; then
    rm -rf -- "$dir"
    log "removed $dir"
  fi
}

# Serialise start/stop/build for one run directory (where flock(1) exists).
with_lock() {
  mkdir -p "$RUN_DIR"
  if command -v flock >/dev/null; then
    exec 9>"$RUN_DIR/.lock"
    flock -w "$((START_TIMEOUT + STOP_TIMEOUT + 60))" 9 || die "could not lock $RUN_DIR/.lock"
  fi
}

# --- commands --------------------------------------------------------------

launcher_args() {
  local -a args=(--port "$PORT")
  if [[ -n "${NEO4JDEV_DATA_DIR:-}" ]]; then
    args+=(--data-dir "$NEO4JDEV_DATA_DIR")
  fi
  if [[ -n "${NEO4JDEV_CONFIG:-}" ]]; then
    args+=(--config "$NEO4JDEV_CONFIG")
  fi
  printf '%s\n' "${args[@]}"
}

cmd_start() {
  mkdir -p "$RUN_DIR"
  local pid uri
  if pid="$(running_pid)"; then
    if uri="$(ready_uri)"; then
      printf '%s\n' "$uri"
      return 0
    fi
    die "already starting or running (pid $pid) without a READY line yet; see $LOG_FILE"
  fi
  if [[ -f "$PID_FILE" ]]; then
    remove_temp_data # left behind by a server that was killed
  fi
  rm -f "$PID_FILE" "$URI_FILE"

  if [[ "$PORT" != 0 ]] && port_in_use "$PORT"; then
    die "port $PORT on 127.0.0.1 is already in use (set NEO4JDEV_PORT to another port, or 0)"
  fi

  cmd_build
  local java
  java="$(java_bin)"
  local -a args extra=()
  mapfile -t args < <(launcher_args)
  if [[ -n "${NEO4JDEV_JAVA_OPTS:-}" ]]; then
    read -r -a extra <<<"$NEO4JDEV_JAVA_OPTS"
  fi

  # setsid: not in the caller's process group, so a Ctrl-C there does not reach it.
  # stdin/stdout/stderr are all redirected so that $(neo4jdev.sh start) returns,
  # and the lock's descriptor is closed so that the server does not hold the lock.
  nohup setsid "$java" "${JVM_OPTS[@]}" "${extra[@]}" \
    -cp "$TARGET/classes:$TARGET/lib/*" "$MAIN_CLASS" "${args[@]}" \
    </dev/null >"$LOG_FILE" 2>&1 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  log "started pid $pid, log $LOG_FILE"

  local deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    if uri="$(ready_uri)"; then
      printf '%s\n' "$uri" >"$URI_FILE"
      log "ready: $uri (after $((SECONDS + START_TIMEOUT - deadline)) s)"
      printf '%s\n' "$uri"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      log "exited before it was ready; last lines of $LOG_FILE:"
      tail -n 40 "$LOG_FILE" >&2 || true
      remove_temp_data
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      log "not ready after ${START_TIMEOUT} s; last lines of $LOG_FILE:"
      tail -n 40 "$LOG_FILE" >&2 || true
      cmd_stop
      exit 1
    fi
    sleep 0.25
  done
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    if [[ -f "$PID_FILE" ]]; then
      remove_temp_data # left behind by a server that was killed
    fi
    rm -f "$PID_FILE" "$URI_FILE"
    log "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid still running after ${STOP_TIMEOUT} s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    remove_temp_data
  fi
  rm -f "$PID_FILE" "$URI_FILE"
  log "stopped pid $pid"
}

cmd_status() {
  local pid uri
  if pid="$(running_pid)"; then
    uri="$(ready_uri || echo starting)"
    printf 'running pid %s %s\n' "$pid" "$uri"
    return 0
  fi
  echo "not running"
  return 3
}

cmd_uri() {
  local uri
  if running_pid >/dev/null && uri="$(ready_uri)"; then
    printf '%s\n' "$uri"
    return 0
  fi
  return 3
}

cmd_run() {
  cmd_build
  local java
  java="$(java_bin)"
  local -a args extra=()
  mapfile -t args < <(launcher_args)
  if [[ -n "${NEO4JDEV_JAVA_OPTS:-}" ]]; then
    read -r -a extra <<<"$NEO4JDEV_JAVA_OPTS"
  fi
  exec "$java" "${JVM_OPTS[@]}" "${extra[@]}" -cp "$TARGET/classes:$TARGET/lib/*" "$MAIN_CLASS" "${args[@]}" "$@"
}

usage() {
  sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

case "${1:-}" in
  build) with_lock; cmd_build ;;
  start) with_lock; cmd_start ;;
  stop) with_lock; cmd_stop ;;
  status) cmd_status ;;
  uri) cmd_uri ;;
  run) shift; cmd_run "$@" ;;
  -h | --help | help) usage ;;
  *) usage; exit 2 ;;
esac
