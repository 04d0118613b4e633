"""A polling client in the style of the seed incident's autonomous_goal_processor.py.

  python3 client.py [--url http://127.0.0.1:8000] [--interval 3] [--count N] [--timeout 5]
                    [--name KortanaAutonomous] [--log FILE]

Logs with Python logging's "%(asctime)s - %(name)s - %(levelname)s - %(message)s", like the
incident's autonomous_processing.log: one line per successful poll, the requests exception
text for each failure, and a traceback (logger.exception) for unexpected errors.
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
args = p.parse_args()

handlers = [logging.FileHandler(args.log)] if args.log else [logging.StreamHandler()]
logging.basicConfig(level=logging.INFO, handlers=handlers,
                    format="%(asctime)s - %(name)s - %(levelname)s - %(message)s")
log = logging.getLogger(args.name)

log.info("Autonomous goal processor starting, server %s", args.url)
for _ in range(args.count):
    try:
        r = requests.get(args.url + "/goals/", timeout=args.timeout)
        r.raise_for_status()
        log.info("Fetched %d goals from %s/goals/", len(r.json()), args.url)
    except requests.exceptions.HTTPError as e:
        log.error("Error fetching goals: %s", e)
    except requests.exceptions.RequestException as e:
        log.error("Error fetching goals: %s", e)
    except Exception:
        log.exception("Unexpected error in processing loop")
    time.sleep(args.interval)
log.info("Autonomous goal processor stopping")
