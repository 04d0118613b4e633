#!/bin/bash
# startup-failure-import-error-attribute: the module imports, but the named attribute does not exist
# (app:application instead of app:app): uvicorn logs "Error loading ASGI app" and exits 1.
. "$(dirname "$0")/lib.sh"
prepare startup-failure-import-error-attribute
launch -- app:application --host 0.0.0.0 --port 8000
sleep 1
client --interval 1 --count 12
wait "$LAUNCHER_PID" || true
sleep 1
