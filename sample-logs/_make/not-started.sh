#!/bin/bash
# not-started: like the seed incident: logs/awakening.log exists but is empty (0 bytes),
# there is no uvicorn_server.log, nothing listens on 8000, the client is refused throughout.
. "$(dirname "$0")/lib.sh"
prepare not-started
: > "$OUT/logs/awakening.log"
say "logs/awakening.log created empty; no server launched"
client --interval 2 --count 15
