#!/bin/bash
# reload-worker-crash: --reload, the worker dies (os._exit(1)) on the 5th /goals/ request
# (APP_CRASH_AFTER=5); the reloader process stays alive.
. "$(dirname "$0")/lib.sh"
prepare reload-worker-crash
launch APP_CRASH_AFTER=5 -- app:app --host 0.0.0.0 --port 8000 --reload
wait "$LAUNCHER_PID"; say "launcher: finished"
sleep 1
client --interval 1 --count 12 --timeout 3
sleep 1
