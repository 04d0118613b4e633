#!/bin/bash
# reload-startup-failure: the seed's command shape (--reload) with a failing lifespan
# startup (APP_FAIL_STARTUP=1). The reloader stays up, its worker dies at startup.
. "$(dirname "$0")/lib.sh"
prepare reload-startup-failure
launch APP_FAIL_STARTUP=1 -- app:app --host 0.0.0.0 --port 8000 --reload
sleep 1
client --interval 1 --count 12
wait "$LAUNCHER_PID" || true
sleep 1
