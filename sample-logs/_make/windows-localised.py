"""Derive sample-logs/windows-localised from the real Linux run in sample-logs/race-condition.

    /usr/bin/python3 sample-logs/_make/windows-localised.py

Conversions (times, PIDs, ports, line order unchanged):
  client log   [Errno 111] Connection refused -> [WinError 10061] Es konnte keine Verbindung
               hergestellt werden, da der Zielcomputer die Verbindung verweigerte (German Windows;
               the surrounding requests/urllib3 text stays English, as it does on a German Windows);
               object addresses 0x7f... -> 0x0000020A........ (Windows %p);
               then rotated as RotatingFileHandler would (rotate.py: 2 files, backupCount=1):
               autonomous_processing.log.1 = older half, autonomous_processing.log = newer half.
  all files    CRLF line endings, UTF-8 with BOM (each rotated client file starts with its own
               BOM, as a handler opened with encoding='utf-8-sig' writes one per new file).
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import winconv  # noqa: E402

SRC = os.path.join(HERE, "..", "race-condition")
DST = os.path.join(HERE, "..", "windows-localised")
os.makedirs(os.path.join(DST, "logs"), exist_ok=True)
for old in os.listdir(DST):
    if old.startswith("autonomous_processing.log"):
        os.remove(os.path.join(DST, old))


def read(rel):
    with open(os.path.join(SRC, rel), encoding="utf-8", newline="") as f:
        return f.read()


client = read("autonomous_processing.log")
assert winconv.ERRNO111 in client
client = winconv.win_addresses(client.replace(winconv.ERRNO111, winconv.WIN10061_DE))
path = os.path.join(DST, "autonomous_processing.log")
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write(client)
subprocess.run([sys.executable, os.path.join(HERE, "rotate.py"), path, "2"], check=True)
for name in ("autonomous_processing.log", "autonomous_processing.log.1"):
    p = os.path.join(DST, name)
    with open(p, encoding="utf-8", newline="") as f:
        text = f.read()
    winconv.write(p, winconv.crlf(text), "utf-8-sig")

for rel in ("logs/awakening.log", "logs/uvicorn_server.log"):
    winconv.write(os.path.join(DST, rel), winconv.crlf(read(rel)), "utf-8-sig")
print("wrote", os.path.normpath(DST))
