#!/bin/bash
# post-start-crash: healthy start, then the process dies (os._exit(1)) while serving the 5th
# /goals/ request (APP_CRASH_AFTER=5), no --reload: the in-flight request is cut off, then refusals.
. "$(dirname "$0")/lib.sh"
prepare post-start-crash
launch APP_CRASH_AFTER=5 -- app:app --host 0.0.0.0 --port 8000
wait "$LAUNCHER_PID"; say "launcher: finished"
sleep 1
client --interval 1 --count 14
sleep 1
