"""Derive sample-logs/windows-crlf-utf16 from the real Linux run in sample-logs/reload-startup-failure.

    /usr/bin/python3 sample-logs/_make/windows-crlf-utf16.py

Conversions (nothing else is changed; times, PIDs, ports and line order stay as recorded):
  client autonomous_processing.log  [Errno 111] Connection refused -> [WinError 10061] No connection
                                    could be made because the target machine actively refused it;
                                    object addresses 0x7f... -> 0x0000020A........ (Windows %p);
                                    CRLF; cp1252 (all ASCII here, so byte-identical to UTF-8, no BOM).
  logs/uvicorn_server.log           paths: /work/wt-samples/src/test/resources/fastapi -> C:\\Users\\José\\kortana,
                                    /usr/lib/python3/dist-packages -> C:\\Users\\José\\kortana\\venv\\Lib\\site-packages,
                                    '/' -> '\\' inside those paths, the repr'd list in "Will watch for
                                    changes" doubles backslashes like Python's repr; CRLF; UTF-16LE with BOM.
  logs/awakening.log                "output -> logs/uvicorn_server.log" -> "output -> C:\\Users\\José\\kortana\\logs\\uvicorn_server.log"
                                    (one non-ASCII character: é = 0xE9 in cp1252); CRLF; cp1252.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import winconv  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "reload-startup-failure")
DST = os.path.join(HERE, "..", "windows-crlf-utf16")
WINROOT = "C:\\Users\\José\\kortana"
LINUX_APP = "/work/wt-samples/src/test/resources/fastapi"
LINUX_LIB = "/usr/lib/python3/dist-packages"


def read(rel):
    with open(os.path.join(SRC, rel), encoding="utf-8", newline="") as f:
        return f.read()


os.makedirs(os.path.join(DST, "logs"), exist_ok=True)

client = read("autonomous_processing.log")
assert winconv.ERRNO111 in client
client = winconv.win_addresses(client.replace(winconv.ERRNO111, winconv.WIN10061_EN))
winconv.write(os.path.join(DST, "autonomous_processing.log"), winconv.crlf(client), "cp1252")

server = read("logs/uvicorn_server.log")
server = server.replace("['%s']" % LINUX_APP, repr([WINROOT]))  # Python repr doubles the backslashes


def winpath(m_prefix, win_prefix, text):
    out = []
    for line in text.split("\n"):
        if m_prefix in line:
            start = line.index(m_prefix)
            end = line.index('"', start)
            line = line[:start] + win_prefix + line[start + len(m_prefix):end].replace("/", "\\") + line[end:]
        out.append(line)
    return "\n".join(out)


server = winpath(LINUX_APP, WINROOT, server)
server = winpath(LINUX_LIB, WINROOT + "\\venv\\Lib\\site-packages", server)
assert "/work/" not in server and "/usr/" not in server, server
winconv.write(os.path.join(DST, "logs", "uvicorn_server.log"), winconv.crlf(server), "utf-16")

awak = read("logs/awakening.log")
assert "output -> logs/uvicorn_server.log" in awak
awak = awak.replace("output -> logs/uvicorn_server.log", "output -> %s\\logs\\uvicorn_server.log" % WINROOT)
winconv.write(os.path.join(DST, "logs", "awakening.log"), winconv.crlf(awak), "cp1252")
print("wrote", os.path.normpath(DST))
