package dev.coroner.cli;

import picocli.CommandLine.Option;

/**
 * {@code --color} for the commands without {@link CommonOptions} (launch, wait): their lines have
 * no styles, so the value is only checked (picocli converts it, see {@link Choice}), as the reading
 * commands check theirs; the option is accepted everywhere so a user's alias or script can pass it
 * to any command.
 */
final class ColorOption {
  @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN",
      description = "auto, always or never (launch and wait print no styles; accepted for every command).")
  ColorWhen color = ColorWhen.AUTO;
}
