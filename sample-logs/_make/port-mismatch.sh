#!/bin/bash
# port-mismatch: server healthy on 8000, client configured for 8001: refused throughout.
. "$(dirname "$0")/lib.sh"
prepare port-mismatch
launch -- app:app --host 0.0.0.0 --port 8000
wait "$LAUNCHER_PID"; say "launcher: finished"
sleep 1
client --url http://127.0.0.1:8001 --interval 1 --count 12
sleep 1
