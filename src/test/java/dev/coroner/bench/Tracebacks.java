package dev.coroner.bench;

/**
 * The multi-line blocks the generator writes: frames copied from real runs of uvicorn 0.17.6
 * with Debian's FastAPI/Starlette on Python 3.11 (paths of the application changed to the
 * incident's {@code src/kortana}).
 */
final class Tracebacks {
  private Tracebacks() {}

  private static final String[] ASGI_FRAMES = {
    "Traceback (most recent call last):",
    "  File \"/usr/lib/python3/dist-packages/uvicorn/protocols/http/h11_impl.py\", line 366, in run_asgi",
    "    result = await app(self.scope, self.receive, self.send)",
    "             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
    "  File \"/usr/lib/python3/dist-packages/uvicorn/middleware/proxy_headers.py\", line 75, in __call__",
    "    return await self.app(scope, receive, send)",
    "           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
    "  File \"/usr/lib/python3/dist-packages/fastapi/applications.py\", line 271, in __call__",
    "    await super().__call__(scope, receive, send)",
    "  File \"/usr/lib/python3/dist-packages/starlette/applications.py\", line 122, in __call__",
    "    await self.middleware_stack(scope, receive, send)",
    "  File \"/usr/lib/python3/dist-packages/starlette/middleware/errors.py\", line 184, in __call__",
    "    raise exc",
    "  File \"/usr/lib/python3/dist-packages/starlette/middleware/errors.py\", line 162, in __call__",
    "    await self.app(scope, receive, _send)",
    "  File \"/usr/lib/python3/dist-packages/starlette/routing.py\", line 718, in __call__",
    "    await route.handle(scope, receive, send)",
    "  File \"/usr/lib/python3/dist-packages/starlette/routing.py\", line 276, in handle",
    "    await self.app(scope, receive, send)",
    "  File \"/usr/lib/python3/dist-packages/starlette/routing.py\", line 66, in app",
    "    response = await func(request)",
    "               ^^^^^^^^^^^^^^^^^^^",
    "  File \"/usr/lib/python3/dist-packages/fastapi/routing.py\", line 237, in app",
    "    raw_response = await run_endpoint_function(",
    "                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
    "  File \"/usr/lib/python3/dist-packages/fastapi/routing.py\", line 163, in run_endpoint_function",
    "    return await dependant.call(**values)",
    "           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
    "  File \"/srv/kortana/src/kortana/main.py\", line 88, in get_goals",
    "    goals = await store.load_all()",
    "            ^^^^^^^^^^^^^^^^^^^^^^",
    "  File \"/srv/kortana/src/kortana/store.py\", line 41, in load_all",
    "    return [Goal(**row) for row in rows]",
    "           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
    "MemoryError",
  };

  /** A request that ran the process out of memory; the process is gone afterwards. */
  static void asgiMemoryError(LogSink out) {
    out.line("ERROR:    Exception in ASGI application");
    for (String frame : ASGI_FRAMES) {
      out.line(frame);
    }
  }

  /** faulthandler's output for a crash in native code (no uvicorn prefix, straight to stderr). */
  static void segfault(LogSink out, long threadId) {
    out.line("Fatal Python error: Segmentation fault");
    out.line("");
    out.line(String.format("Current thread 0x%016x (most recent call first):",
        0x00007f0000000000L | (threadId & 0xffffffff000L)));
    out.line("  File \"/srv/kortana/src/kortana/vector_index.py\", line 57 in search");
    out.line("  File \"/srv/kortana/src/kortana/main.py\", line 91 in get_goals");
    out.line("  File \"/usr/lib/python3/dist-packages/fastapi/routing.py\", line 163 in run_endpoint_function");
    out.line("  File \"/usr/lib/python3.11/asyncio/events.py\", line 80 in _run");
    out.line("  File \"/usr/lib/python3.11/asyncio/base_events.py\", line 1922 in _run_once");
    out.line("  File \"/usr/lib/python3.11/asyncio/base_events.py\", line 607 in run_forever");
    out.line("  File \"/usr/lib/python3.11/asyncio/base_events.py\", line 640 in run_until_complete");
    out.line("  File \"/usr/lib/python3.11/asyncio/runners.py\", line 118 in run");
    out.line("  File \"/usr/lib/python3.11/asyncio/runners.py\", line 190 in run");
    out.line("  File \"/usr/lib/python3/dist-packages/uvicorn/server.py\", line 60 in run");
    out.line("  File \"/usr/lib/python3/dist-packages/uvicorn/main.py\", line 575 in run");
    out.line("  File \"/usr/lib/python3/dist-packages/uvicorn/main.py\", line 404 in main");
    out.line("  File \"/usr/lib/python3/dist-packages/uvicorn/__main__.py\", line 4 in <module>");
    out.line("  File \"<frozen runpy>\", line 88 in _run_code");
    out.line("  File \"<frozen runpy>\", line 198 in _run_module_as_main");
  }

  /** uvicorn 0.17.6's report of an exception in a startup handler (exactly as it prints it). */
  static void lifespanFailure(LogSink out) {
    out.line("ERROR:    Traceback (most recent call last):");
    out.line("  File \"/usr/lib/python3/dist-packages/starlette/routing.py\", line 677, in lifespan");
    out.line("    async with self.lifespan_context(app) as maybe_state:");
    out.line("  File \"/usr/lib/python3/dist-packages/starlette/routing.py\", line 566, in __aenter__");
    out.line("    await self._router.startup()");
    out.line("  File \"/usr/lib/python3/dist-packages/starlette/routing.py\", line 654, in startup");
    out.line("    await handler()");
    out.line("  File \"/srv/kortana/src/kortana/main.py\", line 38, in startup");
    out.line("    await scheduler.start(db_url=settings.database_url)");
    out.line("  File \"/srv/kortana/src/kortana/scheduler.py\", line 112, in start");
    out.line("    raise RuntimeError(f\"database connection failed: could not connect to server at {host}\")");
    out.line("RuntimeError: database connection failed: could not connect to server at 127.0.0.1:5432");
    out.line("");
  }

  /** A client-side bug logged with logger.exception: noise, not an incident. */
  static void clientKeyError(LogSink out) {
    out.line("Traceback (most recent call last):");
    out.line("  File \"/srv/kortana/scripts/autonomous_goal_processor.py\", line 142, in run_autonomous_loop");
    out.line("    await self.process_goal(goal)");
    out.line("  File \"/srv/kortana/scripts/autonomous_goal_processor.py\", line 97, in process_goal");
    out.line("    priority = PRIORITIES[goal[\"priority\"]]");
    out.line("                          ~~~~^^^^^^^^^^^^");
    out.line("KeyError: 'priority'");
  }
}
