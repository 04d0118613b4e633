#!/bin/bash
# startup-failure-lifespan: lifespan startup raises (APP_FAIL_STARTUP=1), no --reload:
# uvicorn exits (code 3); the client, started 1 s after the launcher, is refused throughout.
. "$(dirname "$0")/lib.sh"
prepare startup-failure-lifespan
launch APP_FAIL_STARTUP=1 -- app:app --host 0.0.0.0 --port 8000
sleep 1
client --interval 1 --count 12
wait "$LAUNCHER_PID" || true
sleep 1
