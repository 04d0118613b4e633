package dev.coroner.fleet;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.coroner.format.Event;
import dev.coroner.format.PartStats;
import dev.coroner.ingest.LogFile;
import dev.coroner.report.Times;
import dev.coroner.timeline.InputFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECS documents of one folder's timeline ({@link Ecs}): each with its file's modification
 * time and its lines exactly as the file has them; then one document per file that gave no
 * record ({@link Ecs#writeEmptyFile}).
 */
public final class EcsStream implements AutoCloseable {
  private final Times times;
  private final String host;
  private final Map<String, Long> mtimes = new HashMap<>();
  private final List<PartStats> empty = new ArrayList<>();
  private final OriginalLines originals;
  private OriginalLines.Original last;
  private Event lastEvent;

  public EcsStream(Times times, String host, List<InputFile> inputs) {
    this.times = times;
    this.host = host;
    List<LogFile.Part> all = new ArrayList<>();
    for (InputFile in : inputs) {
      for (PartStats p : in.parts()) {
        mtimes.put(p.part().name(), p.part().modified());
        all.add(p.part());
        if (p.events() == 0) {
          empty.add(p);
        }
      }
    }
    originals = new OriginalLines(all);
  }

  public String host() {
    return host;
  }

  private OriginalLines.Original original(Event e) {
    if (e != lastEvent) {
      lastEvent = e;
      last = originals.text(e);
    }
    return last;
  }

  public void write(JsonGenerator g, Event e) throws IOException {
    OriginalLines.Original o = original(e);
    Ecs.write(g, e, o.text(), o.offset(), times, host, mtimes.getOrDefault(e.file(), Event.NO_TIME));
  }

  public String id(Event e) {
    return Ecs.id(host, e.file(), e.line(), original(e).text());
  }

  /** The files that gave no record. */
  public List<String> emptyFiles() {
    return empty.stream().map(p -> p.part().name()).toList();
  }

  public void writeEmptyFile(JsonGenerator g, String file) throws IOException {
    Ecs.writeEmptyFile(g, file, times, host, mtimes.getOrDefault(file, Event.NO_TIME));
  }

  public String emptyFileId(String file) {
    return Ecs.id(host, file, 0, "");
  }

  @Override
  public void close() {
    originals.close();
  }
}
