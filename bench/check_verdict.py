#!/usr/bin/env python3
"""Checks `coroner diagnose --format json` against the generator's answer key.

  check_verdict.py EXPECTED_JSON DIAGNOSE_JSON [--tolerance SECONDS]

Prints one line, PASS or FAIL with the reasons, and exits 0 (PASS) or 1 (FAIL).
A fast wrong answer does not count: the verdict, and the list of incidents (classification and
cause, in order, none missing and none extra) must match; each incident's start must be within
the tolerance (default 300 s) of the generator's, when the output gives one. Times in the key
carry an offset (the generator writes them for --tz, default UTC); coroner must be run in the
same zone (bench/run sets TZ=UTC).
"""
import json
import sys
from datetime import datetime


def parse_time(text):
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    tolerance = 300.0
    if "--tolerance" in argv:
        tolerance = float(argv[argv.index("--tolerance") + 1])
        args = [a for a in args if a != argv[argv.index("--tolerance") + 1]]
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        key = json.load(f)
    try:
        with open(args[1], encoding="utf-8") as f:
            got = json.load(f)
    except (OSError, ValueError) as e:
        print(f"FAIL: diagnose output is not one JSON document ({e})")
        return 1

    problems = []
    want_v = key["verdict"]
    got_v = got.get("verdict") or {}
    if (got_v.get("classification"), got_v.get("cause")) != (want_v["classification"], want_v["cause"]):
        problems.append("verdict %s/%s, expected %s/%s" % (
            got_v.get("classification"), got_v.get("cause"),
            want_v["classification"], want_v["cause"]))

    want = key["incidents"]
    have = got.get("incidents") or []
    want_ids = ["%s/%s" % (i["classification"], i["cause"]) for i in want]
    have_ids = ["%s/%s" % (i.get("classification"), i.get("cause")) for i in have]
    if want_ids != have_ids:
        problems.append("incidents [%s], expected [%s]" % (", ".join(have_ids), ", ".join(want_ids)))
    else:
        for n, (w, h) in enumerate(zip(want, have), 1):
            ws, hs = parse_time(w["start"]), parse_time(h.get("start"))
            if hs is None:
                continue
            if hs.tzinfo is None:
                problems.append("incident %d start %r has no offset" % (n, h.get("start")))
                continue
            off = abs((hs - ws).total_seconds())
            if off > tolerance:
                problems.append("incident %d (%s) starts %s, expected %s (off by %.0f s)" % (
                    n, want_ids[n - 1], h.get("start"), w["start"], off))

    if problems:
        print("FAIL: " + "; ".join(problems))
        return 1
    print("PASS: verdict %s/%s, %d incidents in order" % (
        want_v["classification"], want_v["cause"], len(want)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
