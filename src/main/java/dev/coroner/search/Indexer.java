package dev.coroner.search;

import dev.coroner.CoronerException;
import dev.coroner.format.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * Writes the documents of a timeline into a fresh index. The timeline is read on the calling
 * thread (it is one ordered stream); documents are built and added by a few worker threads fed
 * through a bounded queue, so memory stays bounded by the queue and Lucene's RAM buffer.
 */
final class Indexer {
  private static final int BATCH = 512;
  /**
   * A batch is also handed over once its records' text reaches this many chars, so the queue is
   * bounded in bytes as well as in records (a record may be 64 Ki chars: 512 of them were 32 Mi
   * chars a batch, and the queue holds four batches per worker).
   */
  static final int BATCH_CHARS = 256 * 1024;
  private static final Batch END = new Batch(List.of(), -1);
  private static final int PROGRESS_EVERY = 64;

  private Indexer() {}

  /** Indexes every event; returns how many. The index is committed with {@code meta} as user data. */
  static long build(Path dir, Iterator<Event> events, Map<String, String> meta, IndexProgress progress) {
    return build(dir, events, meta, progress, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
  }

  /** The same with {@code workers} threads adding documents. */
  static long build(Path dir, Iterator<Event> events, Map<String, String> meta, IndexProgress progress, int workers) {
    double heapMb = Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
    IndexWriterConfig cfg = new IndexWriterConfig(IndexSchema.analyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setRAMBufferSizeMB(Math.max(16, Math.min(256, heapMb / 4)))
        .setUseCompoundFile(false);
    try (FSDirectory d = new org.apache.lucene.store.NIOFSDirectory(dir); IndexWriter w = new IndexWriter(d, cfg)) {
      BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(workers * 4);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        Thread t = new Thread(() -> work(w, queue, failure), "coroner-index-" + i);
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
      long seq = 0;
      long lines = 0;
      List<Event> batch = new ArrayList<>(BATCH);
      long chars = 0;
      long batches = 0;
      try {
        while (events.hasNext() && failure.get() == null) {
          Event e = events.next();
          batch.add(e);
          chars += e.text().length();
          lines += e.lastLine() - e.line() + 1L;
          if (full(batch.size(), chars)) {
            put(queue, new Batch(batch, seq), failure);
            seq += batch.size();
            batch = new ArrayList<>(BATCH);
            chars = 0;
            if (++batches % PROGRESS_EVERY == 0) {
              progress.indexed(lines);
            }
          }
        }
        if (!batch.isEmpty() && failure.get() == null) {
          put(queue, new Batch(batch, seq), failure);
          seq += batch.size();
        }
      } finally {
        stopWorkers(queue, threads, failure);
      }
      if (failure.get() != null) {
        Throwable f = failure.get();
        if (f instanceof Error err) {
          throw err;
        }
        throw f instanceof RuntimeException re ? re : new IllegalStateException(f);
      }
      progress.indexed(lines);
      Map<String, String> data = new HashMap<>(meta);
      data.put("events", Long.toString(seq));
      w.setLiveCommitData(data.entrySet());
      w.commit();
      return seq;
    } catch (IOException e) {
      throw new CoronerException(dev.coroner.ExitStatus.BAD_INPUT.code(), dir + ": cannot write the index: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CoronerException(1, "interrupted while indexing");
    }
  }

  /** Whether a batch of {@code records} holding {@code chars} chars of text is handed to the workers. */
  static boolean full(int records, long chars) {
    return records >= BATCH || chars >= BATCH_CHARS;
  }

  /** How long the workers may take to finish their last batch once told to stop. */
  static final long STOP_MS = 60_000;

  /**
   * One END per worker, offered only while some worker is alive to take it (a dead worker
   * leaves a full queue, and waiting for room then never ends), then a join bounded by
   * {@link #STOP_MS}.
   */
  static void stopWorkers(BlockingQueue<Batch> queue, List<Thread> threads, AtomicReference<Throwable> failure)
      throws InterruptedException {
    long deadline = System.nanoTime() + STOP_MS * 1_000_000;
    for (int i = 0; i < threads.size(); i++) {
      while (!queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
        if (threads.stream().noneMatch(Thread::isAlive)) {
          return;
        }
        if (failure.get() != null) {
          queue.clear(); // nothing more is indexed: make room for the ends
        }
        if (System.nanoTime() > deadline) {
          failure.compareAndSet(null, new IllegalStateException("the index workers did not stop"));
          return;
        }
      }
    }
    for (Thread t : threads) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left > 0) {
        t.join(left);
      }
      if (t.isAlive()) {
        failure.compareAndSet(null, new IllegalStateException(t.getName() + " did not stop"));
        return;
      }
    }
  }

  /** Consecutive events of the timeline; the first is at position {@code first}. */
  record Batch(List<Event> events, long first) {}

  private static void put(BlockingQueue<Batch> q, Batch b, AtomicReference<Throwable> failure)
      throws InterruptedException {
    // Bounded wait per attempt, so a dead worker cannot block the reader for ever.
    while (!q.offer(b, 100, TimeUnit.MILLISECONDS)) {
      if (failure.get() != null) {
        return;
      }
    }
  }

  private static void work(IndexWriter w, BlockingQueue<Batch> queue, AtomicReference<Throwable> failure) {
    EventDocument doc = new EventDocument();
    try {
      dev.coroner.Faults.check("index");
      while (true) {
        Batch b = queue.take();
        if (b == END) {
          return;
        }
        if (failure.get() != null) {
          continue;
        }
        for (int i = 0; i < b.events().size(); i++) {
          w.addDocument(doc.fill(b.events().get(i), b.first() + i));
        }
      }
    } catch (IOException e) {
      failure.compareAndSet(null, new UncheckedIOException(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }
}
