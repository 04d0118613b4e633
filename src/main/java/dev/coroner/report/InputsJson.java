package dev.coroner.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.coroner.format.PartStats;
import dev.coroner.timeline.InputFile;
import java.io.IOException;
import java.util.List;

/** The {@code inputs} array of the JSON contract: one object per physical file. */
public final class InputsJson {
  private InputsJson() {}

  public static void write(JsonGenerator g, List<InputFile> inputs, Times times) throws IOException {
    g.writeStartArray();
    for (InputFile f : inputs) {
      for (PartStats p : f.parts()) {
        g.writeStartObject();
        g.writeStringField("path", p.part().name());
        g.writeStringField("source", f.source().id());
        g.writeStringField("format", f.formats().isEmpty() ? "none" : f.formats().get(0));
        g.writeStringField("encoding", p.encoding());
        g.writeNumberField("lines", p.lines());
        g.writeNumberField("events", p.events());
        g.writeNumberField("unparsed", p.unparsed());
        g.writeNumberField("bytes", p.part().size());
        g.writeStringField("sha256", p.sha256());
        g.writeStringField("first", times.iso(p.first()));
        g.writeStringField("last", times.iso(p.last()));
        g.writeStringField("time", f.timeNote());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }
}
