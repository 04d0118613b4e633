package dev.coroner.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.coroner.format.Event;
import java.io.IOException;
import java.util.Arrays;

/** Writes one event as a JSON object: the shape of {@code timeline --format json|ndjson}. */
public final class EventJson {
  private EventJson() {}

  public static void write(JsonGenerator g, Event e, Times times) throws IOException {
    g.writeStartObject();
    g.writeStringField("time", times.iso(e.time()));
    g.writeStringField("timeKind", e.timeKind().id());
    if (e.timeKind() != dev.coroner.format.TimeKind.EXACT) {
      g.writeStringField("earliest", times.iso(e.earliest()));
      g.writeStringField("latest", times.iso(e.latest()));
    }
    g.writeStringField("source", e.source().id());
    g.writeStringField("file", e.file());
    g.writeNumberField("line", e.line());
    g.writeNumberField("lastLine", e.lastLine());
    g.writeStringField("format", e.format());
    g.writeStringField("level", e.level());
    g.writeStringField("logger", e.logger());
    g.writeStringField("message", e.message());
    if (e.lastLine() > e.line()) {
      g.writeStringField("text", e.text());
    }
    writeSignalsAndFields(g, e, "signals");
    g.writeEndObject();
  }

  /** The event's signals as an array named {@code signalsName}, then its fields as an object sorted by key. */
  public static void writeSignalsAndFields(JsonGenerator g, Event e, String signalsName) throws IOException {
    g.writeArrayFieldStart(signalsName);
    for (String s : e.signals()) {
      g.writeString(s);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("fields");
    String[] keys = e.fields().keySet().toArray(new String[0]);
    Arrays.sort(keys);
    for (String k : keys) {
      g.writeStringField(k, e.fields().get(k));
    }
    g.writeEndObject();
  }
}
