package dev.coroner.rules;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * A rule file's YAML read with aliases refused. Jackson's YAML parser hands an alias
 * ({@code not: *client-connect}) over as a string holding the alias's own name, and keeps no
 * anchor of a plain value to resolve it by: the rule would silently test the word
 * "client-connect". Refused at its line instead, with what to write.
 */
final class NoAliases extends JsonParserDelegate {
  private final YAMLParser yaml;

  private NoAliases(YAMLParser yaml) {
    super(yaml);
    this.yaml = yaml;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken t = super.nextToken();
    if (t != null && yaml.isCurrentAlias()) {
      throw new Refused(yaml, "YAML aliases (*" + yaml.getText()
          + ") are not read in rule files: write the value out where it is used", yaml.currentTokenLocation());
    }
    return t;
  }

  /** An alias refused, at the alias (databind wraps it into an error at the enclosing value). */
  static final class Refused extends JsonParseException {
    private static final long serialVersionUID = 1L;

    Refused(JsonParser p, String message, com.fasterxml.jackson.core.JsonLocation at) {
      super(p, message, at);
    }
  }

  /** A parser of {@code text} that refuses aliases. */
  static JsonParser over(ObjectMapper mapper, String text) throws IOException {
    return new NoAliases((YAMLParser) mapper.getFactory().createParser(text));
  }
}
