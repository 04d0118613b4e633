package dev.coroner.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.coroner.diagnose.Diagnosis;
import dev.coroner.diagnose.Evidence;
import dev.coroner.diagnose.Incident;
import dev.coroner.diagnose.RuleOutcome;
import dev.coroner.diagnose.Verdict;
import dev.coroner.format.Event;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/** The JSON contract of {@code coroner diagnose --format json} (docs/contract.md, docs/schema/diagnosis.schema.json), schema version 1. */
public final class DiagnosisJson {
  public static final int SCHEMA_VERSION = 1;
  private final Times times;
  private final String toolVersion;

  public DiagnosisJson(Times times, String toolVersion) {
    this.times = times;
    this.toolVersion = toolVersion;
  }

  public String render(Diagnosis d, String folder) {
    StringWriter sw = new StringWriter();
    write(d, folder, sw);
    return sw.toString();
  }

  public void write(Diagnosis d, String folder, Writer out) {
    try (JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeObjectFieldStart("tool");
      g.writeStringField("name", "coroner");
      g.writeStringField("version", toolVersion);
      g.writeEndObject();
      g.writeStringField("folder", folder);
      g.writeStringField("timezone", times.zoneName());
      g.writeFieldName("inputs");
      InputsJson.write(g, d.inputs(), times);
      Verdict v = d.verdict();
      g.writeObjectFieldStart("verdict");
      g.writeStringField("classification", v.classification());
      g.writeStringField("cause", v.cause());
      g.writeNumberField("confidence", v.confidence());
      g.writeStringField("rule", v.rule());
      g.writeStringField("summary", v.summary());
      g.writeEndObject();
      g.writeArrayFieldStart("incidents");
      for (Incident i : d.incidents()) {
        incident(g, i);
      }
      g.writeEndArray();
      g.writeFieldName("notes");
      g.writeArray(d.notes().toArray(new String[0]), 0, d.notes().size());
      g.writeFieldName("warnings");
      g.writeArray(d.warnings().toArray(new String[0]), 0, d.warnings().size());
      // what coroner could not read (added in schema version 1; additive)
      g.writeArrayFieldStart("unread");
      for (dev.coroner.diagnose.Unread.Template t : d.unread()) {
        g.writeStartObject();
        g.writeStringField("template", t.template());
        g.writeStringField("level", t.level());
        g.writeStringField("reason", t.reason());
        g.writeNumberField("count", t.count());
        g.writeFieldName("refs");
        g.writeArray(t.refs().toArray(new String[0]), 0, t.refs().size());
        g.writeStringField("example", t.example());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("unreadOmitted", d.unreadDropped());
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void incident(JsonGenerator g, Incident i) throws IOException {
    g.writeStartObject();
    g.writeNumberField("number", i.number());
    g.writeStringField("classification", i.classification());
    g.writeStringField("cause", i.cause());
    g.writeStringField("rule", i.rule());
    g.writeNumberField("confidence", i.confidence());
    g.writeStringField("start", times.iso(i.start()));
    g.writeStringField("end", times.iso(i.end()));
    g.writeStringField("title", i.title());
    g.writeStringField("summary", i.summary());
    g.writeArrayFieldStart("evidence");
    for (Evidence ev : i.evidence()) {
      Event e = ev.event();
      g.writeStartObject();
      g.writeStringField("file", e.file());
      g.writeNumberField("line", e.line());
      g.writeNumberField("lastLine", e.lastLine());
      g.writeStringField("time", times.iso(e.time()));
      g.writeBooleanField("timeInferred", e.timeKind() != dev.coroner.format.TimeKind.EXACT);
      if (e.timeKind() != dev.coroner.format.TimeKind.EXACT) {
        g.writeStringField("earliest", times.iso(e.earliest()));
        g.writeStringField("latest", times.iso(e.latest()));
      }
      g.writeStringField("source", e.source().id());
      g.writeStringField("signal", ev.signal());
      g.writeNumberField("count", ev.count());
      g.writeStringField("text", e.text());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName("recommendations");
    g.writeArray(i.recommendations().toArray(new String[0]), 0, i.recommendations().size());
    g.writeArrayFieldStart("rules");
    for (RuleOutcome o : i.considered()) {
      g.writeStartObject();
      g.writeStringField("rule", o.rule());
      g.writeStringField("outcome", o.outcome().toString());
      g.writeNumberField("confidence", o.confidence());
      g.writeStringField("reason", o.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
