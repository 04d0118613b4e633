#!/bin/bash
# startup-failure-port-in-use: an unrelated static file server (python3 -m http.server,
# serving an empty directory) already holds 127.0.0.1:8000; the logged uvicorn fails to
# bind (Errno 98). The client and the launcher's /docs check talk to the other holder,
# which answers 404 File not found.
. "$(dirname "$0")/lib.sh"
prepare startup-failure-port-in-use
mkdir -p "$TMPD/www"
say "other holder: python3 -m http.server 8000 --bind 127.0.0.1 (empty dir, own session)"
(cd "$TMPD/www" && exec setsid timeout 120 "$PY" -m http.server 8000 --bind 127.0.0.1 >"$TMPD/http.server.log" 2>&1) &
OTHER_PID=$!
sleep 2
launch -- app:app --host 0.0.0.0 --port 8000
sleep 1
client --interval 1 --count 12
wait "$LAUNCHER_PID" || true
sleep 1
