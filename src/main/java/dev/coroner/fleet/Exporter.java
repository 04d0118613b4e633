package dev.coroner.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Writes documents to one index through the bulk API: batches of at most {@link #BATCH_DOCS}
 * documents or {@link #BATCH_BYTES} bytes; a batch answered 429 or 5xx, and the documents of a
 * batch answered 429 one by one, are sent again after a backoff that doubles from 250 ms up to
 * 8 s, at most {@code retries} times; any other rejection of a document (a mapping conflict)
 * stops the export with {@link ExitStatus#CLUSTER_REFUSED} and a message that says how many
 * documents were written and how many of the batch were not (and whether more would have
 * followed). The index template's request is retried alike. Each document has an id (see {@link Ecs#id}), so exporting
 * again replaces rather than duplicates.
 *
 * <p>One batch is in flight while the next is made: a full batch is handed to a sending thread,
 * and the caller goes on reading the folder and writing documents while the cluster indexes it
 * (export waited for each answer before: coroner used 11.7 s of CPU in a 47 s export of 10 MB,
 * the node 18 s, at load 8). A batch is sent
 * only once the one before it has been answered and written, so the cluster never sees two of
 * them at once, the order is kept, and a failed batch means that nothing after it was sent.
 */
public final class Exporter implements AutoCloseable {
  public static final int BATCH_DOCS = 1000;
  public static final int BATCH_BYTES = 5 << 20;
  static final long FIRST_BACKOFF_MS = 250;
  static final long MAX_BACKOFF_MS = 8000;
  /**
   * The bulk request, asking for only what is read of the answer: each item's status and error
   * (the full answer repeats index, id, version, shards and sequence numbers for every document,
   * about 8 times the bytes: 9,484 against 1,226 for race-condition's 48 documents, for the
   * cluster to write and coroner to parse).
   */
  static final String BULK = "/_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason";

  private final Cluster cluster;
  private final String index;
  private final int retries;
  private final LongConsumer progress;
  private List<byte[]> actions = new ArrayList<>();
  private List<byte[]> docs = new ArrayList<>();
  private long pendingBytes;
  /** Written by the sending thread; read by the caller only after waiting for it. */
  private volatile long written;
  private volatile long retried;
  /** The sending thread (one), started with the first batch. */
  private ExecutorService sender;
  /** The batch in flight, or null. */
  private Future<?> inFlight;

  /**
   * @param retries how many times a batch is sent again after a 429 or 5xx
   * @param progress told the number of documents written so far after each batch
   */
  public Exporter(Cluster cluster, String index, int retries, LongConsumer progress) {
    this.cluster = cluster;
    this.index = checkIndexName(index);
    this.retries = retries;
    this.progress = progress;
  }

  /** An index name OpenSearch accepts for writing: lower case, no wildcard, no separator. */
  public static String checkIndexName(String name) {
    if (!name.matches("[a-z0-9][a-z0-9._+-]{0,200}")) {
      throw CoronerException.usage("--index '" + name + "': an index to write to needs a lower-case name of letters, digits, '.', '_', '-', '+' (no wildcard)");
    }
    return name;
  }

  /**
   * Installs coroner's index template for this index name unless the index already exists. A
   * 429 or 5xx is retried as a batch is (a storm does not spare the template).
   */
  public void prepare() {
    Cluster.Response head = cluster.send("HEAD", "/" + index, null);
    if (head.status() == 200) {
      return; // exists: its mapping decides; a conflict is reported document by document
    }
    long backoff = FIRST_BACKOFF_MS;
    for (int attempt = 0;; attempt++) {
      Cluster.Response r = cluster.send("PUT", "/_index_template/" + templateName(index), Mapping.template(index));
      if (r.ok()) {
        return;
      }
      boolean again = r.status() == 429 || r.status() / 100 == 5;
      if (!again || attempt >= retries) {
        throw new CoronerException(ExitStatus.CLUSTER_REFUSED, "OpenSearch at " + cluster.shown()
            + " refused coroner's index template for " + index + ": " + Cluster.describe(r)
            + (again ? " after " + retries + " retries" : "") + "; nothing was written");
      }
      retried++;
      sleep(backoff);
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
  }

  static String templateName(String index) {
    return "coroner-ecs-" + index;
  }

  /** Adds one document; sends a batch when one is full. */
  public void add(String id, byte[] doc) {
    byte[] action = ("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n").getBytes(StandardCharsets.UTF_8);
    actions.add(action);
    docs.add(doc);
    pendingBytes += action.length + doc.length + 1;
    if (docs.size() >= BATCH_DOCS || pendingBytes >= BATCH_BYTES) {
      send(false);
    }
  }

  /** Waits for the batch in flight, then hands the pending one to the sending thread. */
  private void send(boolean last) {
    await();
    if (docs.isEmpty()) {
      return;
    }
    List<byte[]> a = actions;
    List<byte[]> d = docs;
    actions = new ArrayList<>();
    docs = new ArrayList<>();
    pendingBytes = 0;
    if (sender == null) {
      sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "coroner-export-send");
        t.setDaemon(true);
        return t;
      });
    }
    inFlight = sender.submit(() -> flush(a, d, last));
  }

  /** Waits for the batch in flight; rethrows what stopped it; tells the progress. */
  private void await() {
    if (inFlight == null) {
      return;
    }
    Future<?> f = inFlight;
    inFlight = null;
    try {
      f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new CoronerException(130, "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
    progress.accept(written);
  }

  /** Stops the sending thread (a batch still in flight is abandoned: an export that ends so has failed already). */
  @Override
  public void close() {
    if (sender != null) {
      sender.shutdownNow();
    }
  }

  /** Sends what is left; the number of documents written in all. */
  public long finish() {
    send(true);
    await();
    return written;
  }

  public long written() {
    return written;
  }

  /** Requests sent again after a 429 or 5xx: the template's, a batch's, or a batch's documents answered 429. */
  public long retried() {
    return retried;
  }

  /** Sends one batch with its retries (on the sending thread). */
  private void flush(List<byte[]> actions, List<byte[]> docs, boolean last) {
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      todo.add(i);
    }
    long backoff = FIRST_BACKOFF_MS;
    long before = written;
    for (int attempt = 0; !todo.isEmpty(); attempt++) {
      Cluster.Response r = cluster.send("POST", BULK, "application/x-ndjson", body(actions, docs, todo));
      List<Integer> again = new ArrayList<>();
      if (r.status() == 429 || r.status() / 100 == 5) {
        again = todo;
      } else if (!r.ok()) {
        throw refused(last, docs.size() - (written - before), "refused a bulk request: " + Cluster.describe(r));
      } else {
        JsonNode items;
        try {
          items = Json.MAPPER.readTree(r.body()).path("items");
        } catch (IOException e) {
          throw refused(last, docs.size() - (written - before), "answered a bulk request with something that is not JSON");
        }
        String firstError = null;
        int rejected = 0;
        for (int k = 0; k < todo.size(); k++) {
          JsonNode item = items.path(k).path("index");
          int status = item.path("status").asInt(0);
          if (status / 100 == 2) {
            written++;
          } else if (status == 429 || status / 100 == 5) {
            again.add(todo.get(k));
          } else {
            rejected++;
            if (firstError == null) {
              JsonNode err = item.path("error");
              firstError = err.path("type").asText("status " + status) + ": " + err.path("reason").asText("");
            }
          }
        }
        if (rejected > 0) {
          throw refused(last, docs.size() - (written - before), "rejected " + rejected + " of " + todo.size() + " documents of a batch (" + firstError
              + ")" + (firstError.contains("mapper") || firstError.contains("parse") ? "; the index's mapping conflicts with coroner's ECS documents: export to a new --index" : ""));
        }
      }
      if (again.isEmpty()) {
        break;
      }
      if (attempt >= retries) {
        throw refused(last, docs.size() - (written - before), "kept answering " + (r.status() == 200 ? "429 for documents" : Cluster.describe(r))
            + " after " + retries + " retries");
      }
      retried++;
      sleep(backoff);
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      todo = again;
    }
  }

  /**
   * The export stops: what the cluster did, what was written, and what was not.
   *
   * @param last whether the batch is the folder's last
   * @param notWritten documents of the batch being sent that were not written
   */
  private CoronerException refused(boolean last, long notWritten, String what) {
    return new CoronerException(ExitStatus.CLUSTER_REFUSED, "OpenSearch at " + cluster.shown() + " " + what
        + "; " + written + " documents were written to " + index + "; " + notWritten + " of this batch"
        + (last ? " (the folder's last) were not" : " and the rest of the folder's were not")
        + " (exporting again replaces them, no duplicates)");
  }

  private static byte[] body(List<byte[]> actions, List<byte[]> docs, List<Integer> which) {
    int size = 0;
    for (int i : which) {
      size += actions.get(i).length + docs.get(i).length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    for (int i : which) {
      out.writeBytes(actions.get(i));
      out.writeBytes(docs.get(i));
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CoronerException(130, "interrupted");
    }
  }
}
