#!/bin/bash
# rotated-gzip: real post-start crash run (rotated-gzip.run.sh), then the client log is split
# into autonomous_processing.log.2.gz (oldest, gzip -n), .log.1 and .log (newest).
set -euo pipefail
MAKE=$(cd "$(dirname "$0")" && pwd)
"$MAKE/rotated-gzip.run.sh"
/usr/bin/python3 "$MAKE/rotate.py" "$MAKE/../rotated-gzip/autonomous_processing.log" 3 --gzip-from 2
