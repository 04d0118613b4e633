#!/usr/bin/env bash
# The app's own dependency refuses, recorded by coroner's launcher: `coroner launch --then
# CLIENT`; from its 3rd /goals/ request on, the app connects to a dependency on 127.0.0.1:5999
# where nothing listens (APP_DEPENDENCY_PORT, APP_DEPENDENCY_AFTER), so each of those requests
# raises ConnectionRefusedError inside the app and is answered 500; the process lives on. The
# refusals in the server's tracebacks are the server's outbound calls, not the client's.
# Run from the repository root; port 5999 must be free.
set -euo pipefail
root=$(pwd)
out=sample-logs/launched-dependency-refused
mkdir -p "$out"
rm -rf "$out/logs"
app=src/test/resources/fastapi
TZ=UTC APP_DEPENDENCY_PORT=5999 APP_DEPENDENCY_AFTER=3 timeout 60 ./coroner launch --log-dir "$root/$out/logs" --timeout 20s \
  --health-url http://127.0.0.1:8000/health \
  --then "/usr/bin/python3 $root/$app/client.py --url http://127.0.0.1:8000 --count 6 --interval 1 --timeout 2" \
  -- /usr/bin/python3 -m uvicorn app:app --app-dir "$root/$app" --host 127.0.0.1 --port 8000 || echo "launch exited $?"
rm -f "$out/logs/server.ready" "$out/logs/server.pid"
