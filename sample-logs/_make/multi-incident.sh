#!/bin/bash
# multi-incident: two incidents in one folder. (1) race at start: the client (every 3 s)
# starts 7 s before the launcher, and the app needs 4 s of startup (APP_STARTUP_DELAY=4);
# (2) more than a minute later the server process dies on the 25th /goals/ request
# (APP_CRASH_AFTER=25, no --reload): reset of that request, then refusals.
. "$(dirname "$0")/lib.sh"
prepare multi-incident
client_bg --interval 3 --count 36
sleep 7
launch APP_STARTUP_DELAY=4 APP_CRASH_AFTER=25 -- app:app --host 0.0.0.0 --port 8000
wait "$CLIENT_PID" || true; say "client: stopped"
