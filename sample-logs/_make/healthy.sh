#!/bin/bash
# healthy: server started first (old launcher, no --reload), client polls OK, server stopped after.
. "$(dirname "$0")/lib.sh"
prepare healthy
launch -- app:app --host 0.0.0.0 --port 8000
wait "$LAUNCHER_PID"; say "launcher: finished"
sleep 1
client --interval 1 --count 12
sleep 1
