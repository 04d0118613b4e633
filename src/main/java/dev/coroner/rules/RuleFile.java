package dev.coroner.rules;

/**
 * The text of one rule file.
 *
 * @param kind the rule folder: formats, signals or diagnoses
 * @param name the file name, e.g. {@code uvicorn.yaml}; its stem is the rule file's id
 * @param origin where it came from, as error messages cite it (e.g. {@code rules/formats/uvicorn.yaml})
 * @param text the YAML text
 * @param builtIn whether the file is one of coroner's own (bundled) rules rather than a user's;
 *     told by where it was read, not by its origin's text (a user's folder given as {@code --rules
 *     rules} has origins that begin {@code rules/} too)
 */
public record RuleFile(String kind, String name, String origin, String text, boolean builtIn) {
  /** A user's rule file. */
  public RuleFile(String kind, String name, String origin, String text) {
    this(kind, name, origin, text, false);
  }

  /** The file name without its extension. */
  public String id() {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** The 1-based line of the first occurrence of {@code token}, or 1 when it is not there. */
  public int lineOf(String token) {
    return lineAt(text.indexOf(token));
  }

  /** The 1-based line of the last occurrence of {@code token} (a duplicate), or 1 when it is not there. */
  public int lastLineOf(String token) {
    return lineAt(text.lastIndexOf(token));
  }

  private int lineAt(int i) {
    if (i < 0) {
      return 1;
    }
    int line = 1;
    for (int k = 0; k < i; k++) {
      if (text.charAt(k) == '\n') {
        line++;
      }
    }
    return line;
  }
}
