/**
 * The command line: one small picocli class per subcommand, which turns its options into a
 * request and hands it to a feature package; exit codes and one-line errors are mapped in
 * {@link dev.coroner.cli.CoronerCommand}. The only package that knows picocli, and with
 * {@link dev.coroner.cli.Main}, the only place that touches the process's streams and exit.
 */
package dev.coroner.cli;
