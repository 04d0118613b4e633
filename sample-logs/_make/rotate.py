"""Split a Python-logging file the way logging.handlers.RotatingFileHandler would have.

    rotate.py FILE PARTS [--gzip-from N]

Replays FILE record by record (a record is a line starting with an asctime stamp plus its
continuation lines, e.g. a traceback) through RotatingFileHandler's rule: before writing a
record, roll over if size_so_far + len(record) >= maxBytes; on rollover FILE.i becomes
FILE.i+1 and FILE becomes FILE.1. maxBytes is chosen as the smallest value that yields
exactly PARTS files (backupCount = PARTS-1, so nothing is deleted); it is printed.
Writes FILE (newest), FILE.1, ... FILE.<PARTS-1> (oldest). With --gzip-from N, the backups
numbered >= N are then compressed with `gzip -n` (no name, no mtime: reproducible), like
logrotate's `compress` + `delaycompress`.
"""
import argparse
import os
import re
import subprocess

STAMP = re.compile(rb"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ")

p = argparse.ArgumentParser()
p.add_argument("file")
p.add_argument("parts", type=int)
p.add_argument("--gzip-from", type=int, default=0)
a = p.parse_args()

data = open(a.file, "rb").read()
records = []
for line in data.splitlines(keepends=True):
    if STAMP.match(line) or not records:
        records.append(line)
    else:
        records[-1] += line


def split(max_bytes):
    files, size = [[]], 0
    for r in records:
        if size + len(r) >= max_bytes and size > 0:
            files.append([])
            size = 0
        files[-1].append(r)
        size += len(r)
    return files


max_bytes = len(data) // a.parts
while len(split(max_bytes)) > a.parts:
    max_bytes += 1
files = split(max_bytes)
assert len(files) == a.parts, len(files)
print("maxBytes=%d backupCount=%d sizes=%s" % (max_bytes, a.parts - 1, [sum(map(len, f)) for f in files]))
for i, f in enumerate(reversed(files)):  # newest first
    name = a.file if i == 0 else "%s.%d" % (a.file, i)
    with open(name, "wb") as out:
        out.write(b"".join(f))
    if a.gzip_from and i >= a.gzip_from:
        if os.path.exists(name + ".gz"):
            os.remove(name + ".gz")
        subprocess.run(["gzip", "-n", "-9", name], check=True)
