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
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code diagnose --format json} documents against docs/schema/diagnosis.schema.json and
 * {@code timeline --format json|ndjson} against docs/schema/timeline.schema.json.
 */
public final class SchemaCheck {
  private static final Path DIR = Path.of(System.getProperty("coroner.root", "."), "docs/schema").toAbsolutePath();
  private static final Path SCHEMA = DIR.resolve("diagnosis.schema.json");
  private static volatile JsonSchema schema;
  private static volatile JsonSchema timeline;
  private static volatile JsonSchema event;

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

  private static JsonSchema load(String name, String pointer) {
    JsonSchemaFactory f = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
        b -> b.schemaMappers(m -> m.mapPrefix("https://coroner.dev/schema/", DIR.toUri().toString())));
    return f.getSchema(com.networknt.schema.SchemaLocation.of("https://coroner.dev/schema/" + name + pointer));
  }

  /** Checks a timeline document (json) or each line of it (ndjson). */
  public static void assertValidTimeline(String out, boolean ndjson) {
    try {
      if (ndjson) {
        if (event == null) {
          event = load("timeline.schema.json", "#/$defs/event");
        }
        for (String line : out.split("\n")) {
          if (!line.isBlank()) {
            assertThat(event.validate(new ObjectMapper().readTree(line))).as("schema errors of %s", line).isEmpty();
          }
        }
      } else {
        if (timeline == null) {
          timeline = load("timeline.schema.json", "");
        }
        assertThat(timeline.validate(new ObjectMapper().readTree(out))).as("schema errors of the timeline JSON").isEmpty();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    List<String> a = Arrays.asList(args);
    int f = a.indexOf("--format");
    boolean json = (f >= 0 && f + 1 < a.size() && a.get(f + 1).equals("json")) || a.contains("--format=json");
    int o = Math.max(a.indexOf("-o"), a.indexOf("--output"));
    boolean toStdout = o < 0 || (o + 1 < a.size() && a.get(o + 1).equals("-"));
    if (!a.isEmpty() && a.get(0).equals("diagnose") && json && toStdout && !out.isBlank()) {
      assertValid(out);
    }
    boolean ndjson = f >= 0 && f + 1 < a.size() && a.get(f + 1).equals("ndjson");
    if (!a.isEmpty() && a.get(0).equals("timeline") && (json || ndjson) && !out.isBlank()) {
      assertValidTimeline(out, ndjson);
    }
  }

  public static void assertValid(String json) {
    assertThat(errors(json)).as("schema errors of the diagnosis JSON").isEmpty();
  }
}
