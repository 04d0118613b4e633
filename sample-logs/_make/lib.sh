# Shared helpers for the sample-logs drivers. Source it from a scenario script:
#   . "$(dirname "$0")/lib.sh"; prepare <folder-name>
# Everything runs on 127.0.0.1 (the server binds 0.0.0.0:8000 like the seed's command),
# every process is time-bounded, and only the processes started here are stopped, by pid.
set -euo pipefail
MAKE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$MAKE/../.." && pwd)
APPDIR=$ROOT/src/test/resources/fastapi
PY=/usr/bin/python3
unset PYTHONUNBUFFERED
export TZ=UTC
TMPD=$(mktemp -d /tmp/coroner-samples.XXXXXX)
SERVER_PID=
OTHER_PID=
OUT=

say() { echo "$(date +'%H:%M:%S.%3N') $*" >> "$TMPD/timeline"; }

prepare() {  # prepare NAME: empty the folder's logs (README.md is kept)
  OUT=$ROOT/sample-logs/$1
  mkdir -p "$OUT/logs"
  rm -f "$OUT"/autonomous_processing.log* "$OUT"/logs/*
  port_free 8000; port_free 8001
}

port_free() {  # refuse to run when something already listens on the port
  if "$PY" -c "import socket,sys; s=socket.socket(); sys.exit(1 if s.connect_ex(('127.0.0.1',$1)) else 1)"; then
    echo "port $1 is busy; not running" >&2; exit 1
  fi
}

# launch [env VAR=VAL ...] -- UVICORN_ARGS: the old launcher (sleep 5, check /docs once), in background
launch() {
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
  say "launcher: starting uvicorn $* ${envs[*]:-}"
  env "${envs[@]}" timeout 30 "$PY" "$MAKE/launcher.py" --log-dir "$OUT/logs" --pid-file "$TMPD/server.pid" \
      --cwd "$APPDIR" -- "$@" &
  LAUNCHER_PID=$!
  for _ in $(seq 50); do [ -s "$TMPD/server.pid" ] && break; sleep 0.1; done
  SERVER_PID=$(cat "$TMPD/server.pid")
  say "server pid $SERVER_PID (own process group)"
}

client() {  # client ARGS...: the polling client, foreground, bounded
  say "client: start $*"
  timeout 300 "$PY" "$APPDIR/client.py" --log "$OUT/autonomous_processing.log" "$@" || true
  say "client: stopped"
}

client_bg() {
  say "client: start (background) $*"
  timeout 300 "$PY" "$APPDIR/client.py" --log "$OUT/autonomous_processing.log" "$@" &
  CLIENT_PID=$!
}

alive() { kill -0 "$1" 2>/dev/null; }

stop_group() {  # stop_group PID: SIGTERM to the process group we created, SIGKILL after 5 s
  local pid=$1
  [ -n "$pid" ] || return 0
  if kill -0 -- "-$pid" 2>/dev/null; then
    say "stop: SIGTERM to process group $pid"
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 -- "-$pid" 2>/dev/null; then
      say "stop: still alive after 5 s, SIGKILL to process group $pid"
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
  fi
}

cleanup() {
  stop_group "$SERVER_PID"
  stop_group "$OTHER_PID"
  [ -n "${LAUNCHER_PID:-}" ] && wait "$LAUNCHER_PID" 2>/dev/null || true
  echo "---- timeline ($TMPD/timeline)"; cat "$TMPD/timeline" 2>/dev/null || true
}
trap cleanup EXIT
