package dev.coroner.fleet;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.coroner.format.Event;
import dev.coroner.format.PartStats;
import dev.coroner.report.Times;
import dev.coroner.timeline.InputFile;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ECS documents of one folder's timeline: {@link Ecs} with each file's modification time. */
public final class EcsStream {
  private final Times times;
  private final String host;
  private final Map<String, Long> mtimes = new HashMap<>();

  public EcsStream(Times times, String host, List<InputFile> inputs) {
    this.times = times;
    this.host = host;
    for (InputFile in : inputs) {
      for (PartStats p : in.parts()) {
        mtimes.put(p.part().name(), p.part().modified());
      }
    }
  }

  public String host() {
    return host;
  }

  public void write(JsonGenerator g, Event e) throws IOException {
    Ecs.write(g, e, times, host, mtimes.getOrDefault(e.file(), Event.NO_TIME));
  }

  public String id(Event e) {
    return Ecs.id(host, e);
  }
}
