#!/bin/bash
# race-condition: the client starts first; the launcher starts the server 3 s later and
# the app needs 4 s of lifespan startup (APP_STARTUP_DELAY=4); the client recovers.
. "$(dirname "$0")/lib.sh"
prepare race-condition
client_bg --interval 1 --count 20
sleep 3
launch APP_STARTUP_DELAY=4 -- app:app --host 0.0.0.0 --port 8000
wait "$CLIENT_PID" || true; say "client: stopped"
sleep 1
