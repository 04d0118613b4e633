"""A small FastAPI app whose failure modes are chosen by environment variables.

Used by coroner's launcher tests and to make the sample-logs folders from real runs.

  APP_STARTUP_DELAY=S     sleep S seconds in lifespan startup (slow start)
  APP_FAIL_STARTUP=1      raise in lifespan startup (startup failure)
  APP_CRASH_AFTER=N       the process dies (os._exit(APP_CRASH_CODE, default 1)) on the N-th /goals/ request
  APP_RAISE_AFTER=N       /goals/ raises an exception from the N-th request on (500, process lives)
  APP_HANG_AFTER=N        /goals/ blocks forever from the N-th request on (unresponsive)
  APP_HEALTH_STATUS=CODE  /health answers with this status (default 200)
  APP_EXIT_AFTER=S        the process dies (os._exit(APP_CRASH_CODE, default 1)) S seconds after startup
  APP_IGNORE_SIGTERM=1    ignore SIGTERM once started (only SIGKILL stops it)
  APP_FORK_GRANDCHILD=1   start a long-lived child process at startup (its pid is printed)
  APP_DEPENDENCY_PORT=P   connect to a dependency at 127.0.0.1:P in lifespan startup (refused when
                          nothing listens there: a startup failure of the server's own outbound call)
  APP_DEPENDENCY_AFTER=N  with APP_DEPENDENCY_PORT, connect on the N-th /goals/ request and after
                          instead of at startup (refused: that request raises, 500, process lives)
"""
import asyncio
import os
import signal
import subprocess
import sys
import threading
import time

from fastapi import FastAPI, Response

_requests = 0


def _env_int(name, default=0):
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


app = FastAPI()


# on_event rather than FastAPI(lifespan=...): Debian's FastAPI 0.92 predates the lifespan argument.
@app.on_event("startup")
async def startup():
    delay = float(os.environ.get("APP_STARTUP_DELAY", "0") or 0)
    if delay:
        await asyncio.sleep(delay)
    if os.environ.get("APP_DEPENDENCY_PORT") and not _env_int("APP_DEPENDENCY_AFTER"):
        await _dependency()
    if os.environ.get("APP_FAIL_STARTUP") == "1":
        raise RuntimeError("database connection failed: could not connect to server at 127.0.0.1:5432")
    exit_after = float(os.environ.get("APP_EXIT_AFTER", "0") or 0)
    if exit_after:
        def _die():
            time.sleep(exit_after)
            print(f"app: exiting with code {_env_int('APP_CRASH_CODE', 1)} after {exit_after}s", flush=True)
            os._exit(_env_int("APP_CRASH_CODE", 1))
        threading.Thread(target=_die, daemon=True).start()
    if os.environ.get("APP_IGNORE_SIGTERM") == "1":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # after uvicorn installed its handlers
        print("app: ignoring SIGTERM", flush=True)
    if os.environ.get("APP_FORK_GRANDCHILD") == "1":
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        print(f"app: grandchild pid {child.pid}", flush=True)


async def _dependency():
    """Opens and closes a connection to the dependency at 127.0.0.1:APP_DEPENDENCY_PORT."""
    _, writer = await asyncio.open_connection("127.0.0.1", _env_int("APP_DEPENDENCY_PORT"))
    writer.close()


@app.get("/health")
def health(response: Response):
    response.status_code = _env_int("APP_HEALTH_STATUS", 200)
    return {"status": "ok" if response.status_code == 200 else "failing"}


@app.get("/goals/")
async def goals():
    global _requests
    _requests += 1
    crash_after = _env_int("APP_CRASH_AFTER")
    if crash_after and _requests >= crash_after:
        os._exit(_env_int("APP_CRASH_CODE", 1))
    dependency_after = _env_int("APP_DEPENDENCY_AFTER")
    if dependency_after and _requests >= dependency_after:
        await _dependency()
    raise_after = _env_int("APP_RAISE_AFTER")
    if raise_after and _requests >= raise_after:
        raise ValueError(f"goal store corrupted at request {_requests}")
    hang_after = _env_int("APP_HANG_AFTER")
    if hang_after and _requests >= hang_after:
        time.sleep(3600)  # blocks the event loop: the whole server stops answering
    return [{"id": 1, "title": "keep the server alive", "status": "pending"}]
