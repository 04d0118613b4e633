#!/bin/bash
# unresponsive: from the 4th /goals/ request on, the handler blocks the event loop
# (APP_HANG_AFTER=4); the client (--timeout 2) gets read timeouts. The hung server ignores
# SIGTERM (the handler for it never gets to run its shutdown), so the driver SIGKILLs it.
. "$(dirname "$0")/lib.sh"
prepare unresponsive
launch APP_HANG_AFTER=4 -- app:app --host 0.0.0.0 --port 8000
wait "$LAUNCHER_PID"; say "launcher: finished"
sleep 1
client --interval 1 --count 10 --timeout 2
sleep 1
