package dev.coroner.timeline;

import dev.coroner.format.Format;
import dev.coroner.format.Formats;
import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lists, for every log of the given folders (each real case's folder, each sample folder), the
 * formats detection picks for it, as the timeline's sniff decides them: one line a log, "FOLDER/LOG
 * TAB FORMATS" (envelopes, program formats best first, then the fallback). Two runs' lists
 * diffed show what a change to detection changes. Not a test: run by hand,
 * {@code java -cp target/coroner.jar:target/test-classes dev.coroner.timeline.DetectedFormats [-v]
 * src/test/resources/real/cases sample-logs src/test/resources/incidents} (each argument a folder of
 * folders: each child is one incident). With {@code -v}, each line also gives the sample's size and,
 * per format ranked, how many of its lines the format read.
 */
public final class DetectedFormats {
  private DetectedFormats() {}

  /** The first 200 lines with text of the log, as the sniff takes them. */
  private static List<String> sample(LogFile file) {
    List<String> sample = new ArrayList<>();
    for (LogFile.Part p : file.parts()) {
      try (LineReader r = LineReader.open(p, new Warnings())) {
        while (sample.size() < 200 && r.hasNext()) {
          String line = r.next();
          if (!line.isBlank()) {
            sample.add(line);
          }
        }
      } catch (IOException e) {
        // as the sniff: what it has
      }
    }
    return sample;
  }

  public static void main(String[] args) throws IOException {
    Formats all = Formats.load(RuleSet.load(Optional.empty()), ZoneOffset.UTC);
    boolean verbose = false;
    for (String root : args) {
      if (root.equals("-v")) {
        verbose = true;
        continue;
      }
      List<Path> folders;
      try (Stream<Path> s = Files.list(Path.of(root))) {
        folders = s.filter(Files::isDirectory).sorted().collect(Collectors.toCollection(ArrayList::new));
      }
      for (Path folder : folders) {
        Warnings w = new Warnings();
        for (LogFile f : FolderScanner.scan(folder, w)) {
          FileScan scan = FileScan.sniff(f, all, w);
          String line = folder.getFileName() + "/" + f.name() + "\t"
              + scan.formats.stream().map(Format::id).collect(Collectors.joining(","));
          if (verbose) {
            // the sniff's sample again, and what each format ranked read of it
            List<String> sample = sample(f);
            Map<Format, Integer> hits = new LinkedHashMap<>();
            all.detect(sample, hits);
            line += "\t" + sample.size() + "\t" + hits.entrySet().stream().map(e -> e.getKey().id() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
          }
          System.out.println(line);
        }
      }
    }
  }
}
