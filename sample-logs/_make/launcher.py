"""Mimics the seed incident's scripts/start_backend.py (the "old launcher").

    launcher.py --log-dir DIR --pid-file FILE [--check-url URL] -- UVICORN_ARGS...

Like start_backend.py it logs to DIR/awakening.log with Python logging
("%(asctime)s - %(name)s - %(levelname)s - %(message)s", logger "KortanaAwakening"),
starts `python3 -m uvicorn UVICORN_ARGS...` with stdout and stderr redirected to
DIR/uvicorn_server.log (the equivalent of `> logs/uvicorn_server.log 2>&1`), sleeps 5 s,
checks /docs ONCE, logs the outcome and exits, leaving the server running.

The server runs in its own session (process group = its pid) so the driver can stop it
(and, under --reload, its worker) by that pid. PYTHONUNBUFFERED is removed from the
server's environment: output is captured exactly as a plain redirect would capture it.
"""
import argparse
import logging
import os
import subprocess
import sys
import time

import requests

p = argparse.ArgumentParser()
p.add_argument("--log-dir", required=True)
p.add_argument("--pid-file", required=True)
p.add_argument("--cwd", default=None)
p.add_argument("--check-url", default="http://127.0.0.1:8000/docs")
p.add_argument("uvicorn_args", nargs=argparse.REMAINDER)
args = p.parse_args()
uv = [a for a in args.uvicorn_args if a != "--"]

os.makedirs(args.log_dir, exist_ok=True)
logging.basicConfig(level=logging.INFO,
                    handlers=[logging.FileHandler(os.path.join(args.log_dir, "awakening.log"))],
                    format="%(asctime)s - %(name)s - %(levelname)s - %(message)s")
log = logging.getLogger("KortanaAwakening")

log.info("Starting backend: uvicorn %s", " ".join(uv))
env = dict(os.environ)
env.pop("PYTHONUNBUFFERED", None)
out = open(os.path.join(args.log_dir, "uvicorn_server.log"), "w")
proc = subprocess.Popen([sys.executable, "-m", "uvicorn"] + uv, stdout=out, stderr=subprocess.STDOUT,
                        stdin=subprocess.DEVNULL, cwd=args.cwd, env=env, start_new_session=True)
with open(args.pid_file, "w") as f:
    f.write(str(proc.pid))
log.info("Backend process started with PID %d, output -> logs/uvicorn_server.log", proc.pid)
log.info("Waiting 5 seconds for the server to start...")
time.sleep(5)
try:
    r = requests.get(args.check_url, timeout=5)
    level = logging.INFO if r.status_code == 200 else logging.WARNING
    log.log(level, "Server status check: %s -> %d", args.check_url, r.status_code)
except requests.exceptions.ConnectionError as e:
    text = str(e)
    what = "connection refused" if "refused" in text.lower() else "connection error: %s" % text
    log.error("Server status check: %s -> %s", args.check_url, what)
except requests.exceptions.Timeout:
    log.error("Server status check: %s -> read timeout", args.check_url)
log.info("Backend launch script finished")
