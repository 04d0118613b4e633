/**
 * An interactive shell over one incident folder (JLine): a read–eval–print loop with tab
 * completion, persistent history, Ctrl-C ignored and Ctrl-D to quit, that also reads commands
 * from a pipe. The commands themselves are given to it ({@link dev.coroner.shell.ShellVerb}),
 * so the CLI can hand it its own command tree; {@link dev.coroner.shell.Explorer} adds the
 * commands that look at single events ({@code show}, {@code context}) through the search index.
 */
package dev.coroner.shell;
