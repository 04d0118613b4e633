package dev.coroner.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads log documents back from a cluster into a folder that the ordinary pipeline reads as it
 * reads an incident folder: the same formats, signals, time inference and evidence
 * {@code file:line}.
 *
 * <p>Documents are read with a point in time and {@code search_after}, a page of {@link #PAGE}
 * at a time, in time order ({@code @timestamp}, then host, file, line, byte offset; documents
 * without a time last), as the cluster holds them. Each file's documents are kept on disk and
 * put back in line order when the read ends ({@link SpoolFiles}), since the record model needs a
 * file's lines in order (a traceback continues its record); memory is one page and one sort chunk
 * whatever the index holds, and disk use is capped. (The merge of the files into one time-ordered
 * stream is the timeline's, as for a folder.) A document coroner exported ({@link Ecs}) gives back
 * its record's text at its line; a shipper's document (Filebeat, Fluent Bit, Vector:
 * {@code message}, {@code @timestamp}, {@code log.file.path}, {@code host.name}, perhaps
 * {@code log.offset}) gives its {@code message} as the next line of its file. A rebuilt file's
 * modification time is the exported {@code file.mtime}, or the latest {@code @timestamp} of its
 * documents.
 */
public final class FleetReader {
  static final int PAGE = 1000;
  static final String KEEP_ALIVE = "2m";

  private final Cluster cluster;

  public FleetReader(Cluster cluster) {
    this.cluster = cluster;
  }

  /** What a read gave. */
  public record Spooled(long documents, int files, long withoutTimestamp, long withoutPath, long duplicates, int reordered, long peakBytes) {}

  /** The names to sort and filter by: the keyword sub-field where a dynamic mapping made text of a string. */
  record Fields(String host, String path) {}

  Fields fields(String index) {
    Cluster.Response r = cluster.send("GET", "/" + index + "/_mapping/field/host.name,log.file.path", null);
    if (r.status() == 404) {
      throw noIndex(index);
    }
    if (!r.ok()) {
      throw refused("could not read the mapping of " + index + ": " + Cluster.describe(r));
    }
    JsonNode root = parse(r);
    if (!root.fields().hasNext()) {
      throw noIndex(index);
    }
    return new Fields(keywordOf(root, "host.name"), keywordOf(root, "log.file.path"));
  }

  private static String keywordOf(JsonNode root, String field) {
    String leaf = field.substring(field.lastIndexOf('.') + 1);
    for (JsonNode idx : root) {
      JsonNode m = idx.path("mappings").path(field).path("mapping").path(leaf);
      if (m.path("type").asText("").equals("text") && m.path("fields").path("keyword").isObject()) {
        return field + ".keyword";
      }
    }
    return field;
  }

  /** The hosts of the documents {@code q} selects, with their counts, most documents first (a terms aggregation). */
  public List<String> hosts(FleetQuery q, int max, Consumer<String> warn) {
    Fields f = fields(q.index());
    String body = "{\"size\":0,\"query\":" + q.filter(f.host()) + ",\"aggs\":{\"hosts\":{\"terms\":{\"field\":\""
        + f.host() + "\",\"size\":" + max + ",\"order\":{\"_key\":\"asc\"}}},\"nohost\":{\"missing\":{\"field\":\"" + f.host() + "\"}}}}";
    Cluster.Response r = cluster.send("POST", "/" + q.index() + "/_search", body);
    if (!r.ok()) {
      throw refused("could not list the hosts of " + q.index() + ": " + Cluster.describe(r));
    }
    JsonNode aggs = parse(r).path("aggregations");
    List<String> hosts = new ArrayList<>();
    for (JsonNode b : aggs.path("hosts").path("buckets")) {
      hosts.add(b.path("key").asText());
    }
    long other = aggs.path("hosts").path("sum_other_doc_count").asLong(0);
    if (other > 0) {
      warn.accept("more than " + max + " hosts in " + q.index() + ": " + other + " documents of the others are not diagnosed (narrow with --since/--until)");
    }
    long missing = aggs.path("nohost").path("doc_count").asLong(0);
    if (missing > 0) {
      warn.accept(missing + " documents of " + q.index() + " have no host.name and belong to no host's diagnosis");
    }
    return hosts;
  }

  /** Told while a read goes on: documents read so far, and how many the read selects (-1 when not known). */
  public interface Progress {
    void read(long documents, long total);
  }

  /** The default of {@code --spool-limit}: how much disk the logs read back may take. */
  public static final long DEFAULT_SPOOL_LIMIT = 8L << 30;

  /**
   * Writes the documents {@code q} selects into {@code dir} as log files, one per
   * {@code log.file.path} (under a folder per host when {@code byHostFolder}), reading them in
   * time order and taking at most {@code spoolLimit} bytes of disk.
   */
  public Spooled spool(FleetQuery q, Path dir, boolean byHostFolder, Consumer<String> warn) {
    return spool(q, dir, byHostFolder, warn, DEFAULT_SPOOL_LIMIT, (d, t) -> { });
  }

  /** As {@link #spool(FleetQuery, Path, boolean, Consumer)}, with a disk limit and progress. */
  public Spooled spool(FleetQuery q, Path dir, boolean byHostFolder, Consumer<String> warn, long spoolLimit, Progress progress) {
    Fields f = fields(q.index());
    Cluster.Response open = cluster.send("POST", "/" + q.index() + "/_search/point_in_time?keep_alive=" + KEEP_ALIVE, null);
    if (!open.ok()) {
      throw refused("could not open a point in time on " + q.index() + ": " + Cluster.describe(open));
    }
    String pit = parse(open).path("pit_id").asText();
    Writer w = new Writer(new SpoolFiles(dir, spoolLimit));
    long docs = 0;
    long total = -1;
    try {
      JsonNode after = null;
      while (true) {
        StringBuilder body = new StringBuilder(512);
        body.append("{\"size\":").append(PAGE).append(",\"track_total_hits\":").append(after == null).append(",\"pit\":{\"id\":")
            .append(FleetQuery.quote(pit)).append(",\"keep_alive\":\"").append(KEEP_ALIVE).append("\"},\"query\":")
            .append(q.filter(f.host())).append(",\"_source\":[\"@timestamp\",\"message\",\"host.name\",\"log.file.path\",")
            .append("\"log.file.line\",\"log.offset\",\"event.original\",\"file.mtime\",\"coroner.emptyFile\"],\"sort\":")
            .append(sort(f));
        if (after != null) {
          body.append(",\"search_after\":").append(after);
        }
        body.append('}');
        Cluster.Response r = cluster.send("POST", "/_search", body.toString());
        if (!r.ok()) {
          throw refused("could not read " + q.index() + " (after " + docs + " documents): " + Cluster.describe(r));
        }
        JsonNode root = parse(r);
        if (root.hasNonNull("pit_id")) {
          pit = root.path("pit_id").asText();
        }
        if (after == null) {
          total = root.path("hits").path("total").path("value").asLong(-1);
        }
        ArrayNode hits = (ArrayNode) root.path("hits").path("hits");
        for (JsonNode h : hits) {
          w.add(h.path("_source"), byHostFolder);
          docs++;
        }
        progress.read(docs, total);
        if (hits.size() < PAGE) {
          break;
        }
        after = hits.get(hits.size() - 1).path("sort");
      }
      w.files.finish();
    } catch (IOException e) {
      throw CoronerException.badInput("cannot write the documents read from " + cluster.shown() + " to " + dir + ": " + e.getMessage());
    } finally {
      w.files.close();
      try {
        cluster.send("DELETE", "/_search/point_in_time", "{\"pit_id\":[" + FleetQuery.quote(pit) + "]}");
      } catch (RuntimeException e) {
        // the point in time expires by itself after KEEP_ALIVE; the first error is the one to tell
      }
    }
    if (w.noTimestamp > 0) {
      warn.accept(w.noTimestamp + " of " + docs + " documents from " + q.index() + " have no @timestamp: each is placed by its file and line (or offset) alone, and --since/--until cannot select it");
    }
    if (w.noPath > 0) {
      warn.accept(w.noPath + " documents from " + q.index() + " have no log.file.path: they are read as the file " + NO_PATH);
    }
    if (w.files.duplicates > 0) {
      warn.accept(w.files.duplicates + " documents repeat a file and line already read (the same logs in two indexes?): read once");
    }
    return new Spooled(docs, w.files.files(), w.noTimestamp, w.noPath, w.files.duplicates, w.files.reordered, w.files.peak());
  }

  /**
   * The order of the read: time first ({@code @timestamp}; documents without one last), then host,
   * file, line, byte offset and id. Each file's documents are put back in line order by
   * {@link SpoolFiles}.
   */
  static String sort(Fields f) {
    return "[" + sortKey("@timestamp", "date") + ',' + sortKey(f.host(), "keyword") + ',' + sortKey(f.path(), "keyword") + ','
        + sortKey("log.file.line", "long") + ',' + sortKey("log.offset", "long") + ",{\"_id\":\"asc\"}]";
  }

  private static String sortKey(String field, String unmappedType) {
    return "{\"" + field + "\":{\"order\":\"asc\",\"missing\":\"_last\",\"unmapped_type\":\"" + unmappedType + "\"}}";
  }

  static final String NO_PATH = "no-log-file-path.log";

  /** Takes each document apart: its log, its place in it, and its text. */
  private static final class Writer {
    final SpoolFiles files;
    long noTimestamp;
    long noPath;

    Writer(SpoolFiles files) {
      this.files = files;
    }

    void add(JsonNode src, boolean byHost) throws IOException {
      String host = text(src, "host", "name");
      String path = text(src, "log", "file", "path");
      if (path.isEmpty()) {
        path = NO_PATH;
        noPath++;
      }
      String rel = safe(path);
      if (byHost) {
        rel = safe(host.isEmpty() ? "no-host" : host) + "/" + rel;
      }
      files.touch(rel, time(text(src, "file", "mtime")));
      if (src.path("coroner").path("emptyFile").asBoolean(false)) {
        return; // a file that gave no record: made, left empty
      }
      long ts = time(text(src, "@timestamp"));
      if (ts == Long.MIN_VALUE) {
        noTimestamp++;
      }
      String original = text(src, "event", "original");
      String body = original.isEmpty() ? text(src, "message") : original;
      files.add(rel, number(src, "file", "line"), number(src, "offset", null), ts == Long.MIN_VALUE ? SpoolFiles.NONE : ts,
          body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code log.file.line} or {@code log.offset} (as an object path or a dotted key), or {@link SpoolFiles#NONE}. */
    private static long number(JsonNode src, String a, String b) {
      JsonNode at = b == null ? src.path("log").path(a) : src.path("log").path(a).path(b);
      String dotted = b == null ? "log." + a : "log." + a + "." + b;
      if (at.isMissingNode()) {
        at = src.path(dotted);
      }
      if (at.isMissingNode() && b != null) {
        at = src.path("log").path(a + "." + b);
      }
      if (at.canConvertToLong()) {
        return at.asLong();
      }
      if (at.isTextual()) {
        try {
          return Long.parseLong(at.asText().strip());
        } catch (NumberFormatException e) {
          return SpoolFiles.NONE;
        }
      }
      return SpoolFiles.NONE;
    }
  }

  /** A field by its dotted path, as an object path or a dotted key (shippers write both). */
  static String text(JsonNode src, String... path) {
    JsonNode n = src;
    for (String p : path) {
      n = n.path(p);
    }
    if (n.isMissingNode()) {
      n = src.path(String.join(".", path));
    }
    if (n.isMissingNode() && path.length == 3) {
      n = src.path(path[0]).path(path[1] + "." + path[2]);
    }
    return n.isValueNode() ? n.asText() : "";
  }

  static long time(String iso) {
    if (iso.isEmpty()) {
      return Long.MIN_VALUE;
    }
    try {
      return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(iso).toEpochMilli();
      } catch (DateTimeParseException e2) {
        try {
          return Long.parseLong(iso);
        } catch (NumberFormatException e3) {
          return Long.MIN_VALUE;
        }
      }
    }
  }

  /** A path from a document as a relative path inside the spool: no root, no drive, no '..'. */
  static String safe(String path) {
    String p = path.replace('\\', '/');
    List<String> parts = new ArrayList<>();
    for (String s : p.split("/")) {
      if (s.isEmpty() || s.equals(".") || s.equals("..")) {
        continue;
      }
      parts.add(s.replace(':', '_').replace('\0', '_'));
    }
    return parts.isEmpty() ? NO_PATH : String.join("/", parts);
  }

  private JsonNode parse(Cluster.Response r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw refused("answered with something that is not JSON");
    }
  }

  private CoronerException noIndex(String index) {
    return CoronerException.badInput("no index matches '" + index + "' at " + cluster.shown()
        + " (check --index; 'coroner export' writes to coroner-events by default)");
  }

  private CoronerException refused(String what) {
    return new CoronerException(ExitStatus.CLUSTER_REFUSED, "OpenSearch at " + cluster.shown() + ": " + what);
  }
}
