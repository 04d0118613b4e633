#!/bin/bash
# rotated-gzip, step 1 (the real run): a post-start crash like post-start-crash.sh but longer
# (APP_CRASH_AFTER=20, 40 polls at 1 s) and with client --traceback, so the first failure
# carries a multi-line traceback. Step 2 (rotate.py) splits the client log afterwards.
. "$(dirname "$0")/lib.sh"
prepare rotated-gzip
launch APP_CRASH_AFTER=20 -- app:app --host 0.0.0.0 --port 8000
wait "$LAUNCHER_PID"; say "launcher: finished"
sleep 1
client --interval 1 --count 40 --traceback
