"""A polling client in the style of the seed incident's autonomous_goal_processor.py.

  python3 client.py [--url http://127.0.0.1:8000] [--interval 3] [--count N] [--timeout 5]
                    [--name KortanaAutonomous] [--log FILE] [--traceback]

Logs with Python logging's "%(asctime)s - %(name)s - %(levelname)s - %(message)s", like the
incident's autonomous_processing.log: one line per successful poll, the requests exception
text for each failure, and a traceback (logger.exception) for unexpected errors.
With --traceback, the first failure of each run of failures (the first error after start or
after a success) is logged with logger.exception, i.e. with its full multi-line traceback;
the following failures of the same run stay one line each (keeps the log small).
"""
import argparse
import logging
import time

import requests

p = argparse.ArgumentParser()
p.add_argument("--url", default="http://127.0.0.1:8000")
p.add_argument("--interval", type=float, default=3)
p.add_argument("--count", type=int, default=10)
p.add_argument("--timeout", type=float, default=5)
p.add_argument("--name", default="KortanaAutonomous")
p.add_argument("--log", default=None)
p.add_argument("--traceback", action="store_true",
               help="log the first failure of each run of failures with its traceback")
args = p.parse_args()

handlers = [logging.FileHandler(args.log)] if args.log else [logging.StreamHandler()]
logging.basicConfig(level=logging.INFO, handlers=handlers,
                    format="%(asctime)s - %(name)s - %(levelname)s - %(message)s")
log = logging.getLogger(args.name)


def log_failure(e):
    global failing
    if args.traceback and not failing:
        log.exception("Error fetching goals: %s", e)
    else:
        log.error("Error fetching goals: %s", e)
    failing = True


failing = False
log.info("Autonomous goal processor starting, server %s", args.url)
for _ in range(args.count):
    try:
        r = requests.get(args.url + "/goals/", timeout=args.timeout)
        r.raise_for_status()
        log.info("Fetched %d goals from %s/goals/", len(r.json()), args.url)
        failing = False
    except requests.exceptions.HTTPError as e:
        log_failure(e)
    except requests.exceptions.RequestException as e:
        log_failure(e)
    except Exception:
        log.exception("Unexpected error in processing loop")
    time.sleep(args.interval)
log.info("Autonomous goal processor stopping")
