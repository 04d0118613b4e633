"""Helpers to turn a real Linux run's logs into what the same incident looks like on Windows.

Every substitution is explicit and listed in the README of the folder that uses it.
"""
import re

ERRNO111 = "[Errno 111] Connection refused"
WIN10061_EN = "[WinError 10061] No connection could be made because the target machine actively refused it"
WIN10061_DE = ("[WinError 10061] Es konnte keine Verbindung hergestellt werden, "
               "da der Zielcomputer die Verbindung verweigerte")

_ADDR = re.compile(r"object at 0x([0-9a-f]{12})\b")


def win_addresses(text):
    """CPython on Windows prints %p as 0x + 16 upper-case hex digits: 0x0000020A1B2C3D4E.
    Map each Linux address 0x7fxxxxxxxxxx to 0x0000020A + its low 8 hex digits (upper-case),
    so distinct objects stay distinct and equal ones stay equal."""
    return _ADDR.sub(lambda m: "object at 0x0000020A%s" % m.group(1)[-8:].upper(), text)


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def write(path, text, encoding):
    """encoding: 'utf-16' (Python writes a BOM; on x86 it is UTF-16LE = PowerShell 5.1 '>'),
    'utf-8-sig' (UTF-8 with BOM), 'cp1252', 'ascii'."""
    if encoding == "utf-16":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = text.encode(encoding)
    with open(path, "wb") as f:
        f.write(data)
