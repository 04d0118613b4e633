/**
 * Launcher mode: {@code coroner launch} starts a server (typically uvicorn), captures every line
 * it writes into {@code uvicorn_server.log} with a timestamp and the stream, writes its own events
 * into {@code awakening.log}, polls the health URL until the server is ready, writes the ready and
 * pid files, optionally starts a client, and supervises the whole process tree until it exits or
 * the launcher is told to stop. {@code coroner wait} is the client-side readiness gate.
 *
 * <p>Both log formats are a contract (docs/launcher-logs.md): {@code diagnose}
 * parses them back with exact times. The entry points are {@link dev.coroner.launch.Launcher} and
 * {@link dev.coroner.launch.Waiter}; they take immutable request records and know nothing of the
 * CLI.
 */
package dev.coroner.launch;
