#!/bin/bash
# request-errors: healthy start, then from the 4th /goals/ request on the app raises
# (APP_RAISE_AFTER=4): uvicorn logs "Exception in ASGI application" with a traceback and a 500
# access line per request, the process lives on, the client logs 500 Server Error.
. "$(dirname "$0")/lib.sh"
prepare request-errors
launch APP_RAISE_AFTER=4 -- app:app --host 0.0.0.0 --port 8000
wait "$LAUNCHER_PID"; say "launcher: finished"
sleep 1
client --interval 1 --count 8
sleep 1
