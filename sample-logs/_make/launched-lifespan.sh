#!/usr/bin/env bash
# A lifespan startup failure recorded by coroner's own launcher (no client): the app's startup
# raises; the launcher sees "Application startup failed", logs not-ready and the child's exit
# code 3, and exits 1. Run from the repository root.
set -euo pipefail
root=$(pwd)
out=sample-logs/launched-lifespan
mkdir -p "$out"
rm -rf "$out/logs"
app=src/test/resources/fastapi
TZ=UTC APP_FAIL_STARTUP=1 timeout 60 ./coroner launch --log-dir "$root/$out/logs" --timeout 20s \
  --health-url http://127.0.0.1:8000/health \
  -- /usr/bin/python3 -m uvicorn app:app --app-dir "$root/$app" --host 127.0.0.1 --port 8000 || echo "launch exited $?"
rm -f "$out/logs/server.ready" "$out/logs/server.pid"
