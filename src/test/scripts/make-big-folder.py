#!/usr/bin/env python3
"""Writes a large, realistic incident folder for measuring `coroner search` (index build, query).

Usage: make-big-folder.py OUT_DIR SIZE_MB [SEED]

Deterministic from SEED. A client polling every second (answers, refusals with the long urllib3
line, an occasional traceback), uvicorn's default log without timestamps (access lines, a restart
block now and then), and a short awakening.log. Stops when the files reach SIZE_MB in total.
"""
import datetime
import os
import random
import sys

out, size_mb = sys.argv[1], int(sys.argv[2])
rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
os.makedirs(os.path.join(out, "logs"), exist_ok=True)
limit = size_mb * 1024 * 1024
t = datetime.datetime(2025, 6, 13, 8, 0, 0)
REFUSED = ("Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded "
           "with url: /goals/ (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at "
           "0x{:012x}>: Failed to establish a new connection: [WinError 10061] No connection could be made "
           "because the target machine actively refused it'))")
TRACE = ["Traceback (most recent call last):",
         '  File "C:\\kortana\\autonomous.py", line 88, in fetch_goals',
         "    r = requests.get(url, timeout=5)",
         "ConnectionResetError: [WinError 10054] An existing connection was forcibly closed by the remote host"]
written = 0
with open(os.path.join(out, "autonomous_processing.log"), "w", newline="\n") as c, \
        open(os.path.join(out, "logs", "uvicorn_server.log"), "w", newline="\n") as s, \
        open(os.path.join(out, "logs", "awakening.log"), "w", newline="\n") as a:
    def stamp():
        return t.strftime("%Y-%m-%d %H:%M:%S,") + "%03d" % (t.microsecond // 1000)
    a.write(stamp() + " - KortanaAwakening - INFO - Starting backend: uvicorn app:app --host 0.0.0.0 --port 8000\n")
    s.write("INFO:     Started server process [4242]\nINFO:     Waiting for application startup.\n"
            "INFO:     Application startup complete.\n"
            "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)\n")
    down = 0
    for _ in range(100_000_000):
        if written >= limit:
            break
        t += datetime.timedelta(milliseconds=1000 + rnd.randint(0, 30))
        if down == 0 and rnd.random() < 0.0005:
            down = rnd.randint(5, 60)
            s.write("INFO:     Shutting down\nINFO:     Waiting for application shutdown.\n"
                    "INFO:     Application shutdown complete.\nINFO:     Finished server process [4242]\n")
        if down > 0:
            down -= 1
            line = stamp() + " - KortanaAutonomous - ERROR - " + REFUSED.format(rnd.getrandbits(44)) + "\n"
            if rnd.random() < 0.1:
                line += "\n".join(TRACE) + "\n"
            if down == 0:
                s.write("INFO:     Started server process [4242]\nINFO:     Waiting for application startup.\n"
                        "INFO:     Application startup complete.\n"
                        "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)\n")
            c.write(line)
            written += len(line)
        else:
            line = stamp() + " - KortanaAutonomous - INFO - Fetched %d goals from http://127.0.0.1:8000/goals/\n" % rnd.randint(0, 9)
            acc = 'INFO:     127.0.0.1:%d - "GET /goals/ HTTP/1.1" 200 OK\n' % rnd.randint(49152, 65535)
            c.write(line)
            s.write(acc)
            written += len(line) + len(acc)
    a.write(stamp() + " - KortanaAwakening - INFO - Backend launch script finished\n")
