package dev.coroner.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Reads log documents back from a cluster into a folder that the ordinary pipeline reads as it
 * reads an incident folder: the same formats, signals, time inference and evidence
 * {@code file:line}.
 *
 * <p>Documents are read with a point in time and {@code search_after}, a page of
 * {@link #PAGE} at a time, in the order of host, file, line (or byte offset), then
 * {@code @timestamp}: the order in which each log is rewritten line by line, one file open at a
 * time, so memory does not grow with the index. (The merge into one time-ordered stream is the
 * timeline's, as for a folder.) A document coroner exported ({@link Ecs}) gives back its record's
 * text at its line; a shipper's document (Filebeat, Fluent Bit, Vector: {@code message},
 * {@code @timestamp}, {@code log.file.path}, {@code host.name}, perhaps {@code log.offset}) gives
 * its {@code message} as the next line of its file. A rebuilt file's modification time is the
 * exported {@code file.mtime}, or the latest {@code @timestamp} of its documents.
 */
public final class FleetReader {
  static final int PAGE = 1000;
  static final String KEEP_ALIVE = "2m";

  private final Cluster cluster;

  public FleetReader(Cluster cluster) {
    this.cluster = cluster;
  }

  /** What a read gave. */
  public record Spooled(long documents, int files, long withoutTimestamp, long withoutPath, long duplicates) {}

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

  /**
   * Writes the documents {@code q} selects into {@code dir} as log files, one per
   * {@code log.file.path} (under a folder per host when {@code byHostFolder}).
   */
  public Spooled spool(FleetQuery q, Path dir, boolean byHostFolder, Consumer<String> warn) {
    Fields f = fields(q.index());
    Cluster.Response open = cluster.send("POST", "/" + q.index() + "/_search/point_in_time?keep_alive=" + KEEP_ALIVE, null);
    if (!open.ok()) {
      throw refused("could not open a point in time on " + q.index() + ": " + Cluster.describe(open));
    }
    String pit = parse(open).path("pit_id").asText();
    Writer w = new Writer(dir);
    long docs = 0;
    try {
      JsonNode after = null;
      while (true) {
        StringBuilder body = new StringBuilder(512);
        body.append("{\"size\":").append(PAGE).append(",\"track_total_hits\":false,\"pit\":{\"id\":")
            .append(FleetQuery.quote(pit)).append(",\"keep_alive\":\"").append(KEEP_ALIVE).append("\"},\"query\":")
            .append(q.filter(f.host())).append(",\"_source\":[\"@timestamp\",\"message\",\"host.name\",\"log.file.path\",")
            .append("\"log.file.line\",\"log.offset\",\"event.original\",\"file.mtime\",\"coroner.emptyFile\"],\"sort\":[")
            .append(sortKey(f.host(), "keyword")).append(',').append(sortKey(f.path(), "keyword")).append(',')
            .append(sortKey("log.file.line", "long")).append(',').append(sortKey("log.offset", "long")).append(',')
            .append(sortKey("@timestamp", "date")).append(",{\"_id\":\"asc\"}]");
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
        ArrayNode hits = (ArrayNode) root.path("hits").path("hits");
        for (JsonNode h : hits) {
          w.add(h.path("_source"), byHostFolder);
          docs++;
        }
        if (hits.size() < PAGE) {
          break;
        }
        after = hits.get(hits.size() - 1).path("sort");
      }
      w.close();
    } catch (IOException e) {
      throw CoronerException.badInput("cannot write the documents read from " + cluster.shown() + " to " + dir + ": " + e.getMessage());
    } finally {
      w.closeQuietly();
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
    if (w.duplicates > 0) {
      warn.accept(w.duplicates + " documents repeat a file and line already read (the same logs in two indexes?): read once");
    }
    return new Spooled(docs, w.files, w.noTimestamp, w.noPath, w.duplicates);
  }

  private static String sortKey(String field, String unmappedType) {
    return "{\"" + field + "\":{\"order\":\"asc\",\"missing\":\"_last\",\"unmapped_type\":\"" + unmappedType + "\"}}";
  }

  static final String NO_PATH = "no-log-file-path.log";

  /** Rewrites documents as files, one open at a time. */
  private static final class Writer {
    private final Path dir;
    private String currentKey;
    private Path currentFile;
    private BufferedWriter out;
    private long line;
    private long mtime = Long.MIN_VALUE;
    private long latest = Long.MIN_VALUE;
    int files;
    long noTimestamp;
    long noPath;
    long duplicates;

    Writer(Path dir) {
      this.dir = dir;
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
      if (!rel.equals(currentKey)) {
        close();
        open(rel);
      }
      long mt = time(text(src, "file", "mtime"));
      if (mt != Long.MIN_VALUE) {
        mtime = Math.max(mtime, mt);
      }
      if (src.path("coroner").path("emptyFile").asBoolean(false)) {
        return; // a file that gave no record: made (above), left empty
      }
      long ts = time(text(src, "@timestamp"));
      if (ts == Long.MIN_VALUE) {
        noTimestamp++;
      } else {
        latest = Math.max(latest, ts);
      }
      String original = text(src, "event", "original");
      String body = original.isEmpty() ? text(src, "message") : original;
      JsonNode at = src.path("log").path("file").path("line");
      if (at.isMissingNode()) {
        at = src.path("log.file.line");
      }
      long target = at.canConvertToLong() ? at.asLong() : at.isTextual() ? parseLong(at.asText()) : -1;
      if (target > 0) {
        if (target <= line) {
          duplicates++;
          return;
        }
        while (line < target - 1 && line < target) {
          out.write('\n');
          line++;
        }
      }
      out.write(body);
      out.write('\n');
      line += 1 + body.chars().filter(c -> c == '\n').count();
    }

    private static long parseLong(String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    private void open(String rel) throws IOException {
      currentKey = rel;
      currentFile = dir.resolve(rel);
      Files.createDirectories(currentFile.getParent());
      OutputStream os = Files.newOutputStream(currentFile);
      if (rel.endsWith(".gz")) {
        os = new GZIPOutputStream(os, 1 << 16);
      }
      out = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
      line = 0;
      mtime = Long.MIN_VALUE;
      latest = Long.MIN_VALUE;
      files++;
    }

    void close() throws IOException {
      if (out == null) {
        return;
      }
      out.close();
      out = null;
      long t = mtime != Long.MIN_VALUE ? mtime : latest;
      if (t != Long.MIN_VALUE) {
        Files.setLastModifiedTime(currentFile, FileTime.fromMillis(t));
      }
    }

    void closeQuietly() {
      try {
        close();
      } catch (IOException e) {
        // already failing
      }
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
