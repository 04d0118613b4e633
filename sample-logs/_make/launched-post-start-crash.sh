#!/usr/bin/env bash
# A post-start crash recorded by coroner's own launcher: `coroner launch --then CLIENT`, the app
# exits (os._exit(1)) on its 5th /goals/ request. Everything is captured with exact times:
# logs/uvicorn_server.log (server output), logs/client_output.log (the client's logging),
# logs/awakening.log (the launcher's events). Run from the repository root.
set -euo pipefail
root=$(pwd)
out=sample-logs/launched-post-start-crash
mkdir -p "$out"
rm -rf "$out/logs"
app=src/test/resources/fastapi
TZ=UTC APP_CRASH_AFTER=5 timeout 60 ./coroner launch --log-dir "$root/$out/logs" --timeout 20s \
  --health-url http://127.0.0.1:8000/health \
  --then "/usr/bin/python3 $root/$app/client.py --url http://127.0.0.1:8000 --count 12 --interval 1 --timeout 2" \
  -- /usr/bin/python3 -m uvicorn app:app --app-dir "$root/$app" --host 127.0.0.1 --port 8000 || echo "launch exited $?"
rm -f "$out/logs/server.ready" "$out/logs/server.pid"
