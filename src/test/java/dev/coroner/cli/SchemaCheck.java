package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Checks a {@code diagnose --format json} document against docs/schema/diagnosis.schema.json. */
public final class SchemaCheck {
  private static final Path SCHEMA = Path.of(System.getProperty("coroner.root", "."), "docs/schema/diagnosis.schema.json");
  private static volatile JsonSchema schema;

  private SchemaCheck() {}

  static JsonSchema schema() {
    if (schema == null) {
      try {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(SCHEMA));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return schema;
  }

  /** The schema's complaints about {@code json} (empty when it is valid). */
  public static Set<ValidationMessage> errors(String json) {
    try {
      JsonNode doc = new ObjectMapper().readTree(json);
      return schema().validate(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * When {@code args} ran {@code diagnose --format json} with the document on stdout, checks
   * {@code out} against the schema (an empty stdout, as after an error, is not checked).
   */
  public static void validateIfDiagnosisJson(String[] args, String out) {
    java.util.List<String> a = java.util.Arrays.asList(args);
    int f = a.indexOf("--format");
    boolean json = (f >= 0 && f + 1 < a.size() && a.get(f + 1).equals("json")) || a.contains("--format=json");
    int o = Math.max(a.indexOf("-o"), a.indexOf("--output"));
    boolean toStdout = o < 0 || (o + 1 < a.size() && a.get(o + 1).equals("-"));
    if (!a.isEmpty() && a.get(0).equals("diagnose") && json && toStdout && !out.isBlank()) {
      assertValid(out);
    }
  }

  public static void assertValid(String json) {
    assertThat(errors(json)).as("schema errors of the diagnosis JSON").isEmpty();
  }
}
