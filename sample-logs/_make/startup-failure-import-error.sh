#!/bin/bash
# startup-failure-import-error: the seed's app path (src.kortana.main:app) started from the
# wrong directory: uvicorn cannot import the module and exits 1; the client is refused.
. "$(dirname "$0")/lib.sh"
prepare startup-failure-import-error
launch -- src.kortana.main:app --host 0.0.0.0 --port 8000
sleep 1
client --interval 1 --count 12
wait "$LAUNCHER_PID" || true
sleep 1
