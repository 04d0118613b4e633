package dev.coroner.search;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What an index was built from, as a name: the folder's identity (its real path) and a
 * fingerprint of everything that decides the documents: coroner's version, the index layout,
 * the zone, the rules (signals are indexed) and each log file's relative path, size and
 * modification time, hashed with {@link KeyHash} (not a cryptographic digest: a key must change
 * when its inputs do, and nobody forges a log folder to collide with another). Contents are not read, neither of logs nor of rules: a changed file changes
 * its size or mtime, and stat is what keeps reopening a gigabyte fast. The built-in rules are
 * known by the jar they are bundled in (or, running from classes, by their files), so a warm
 * search never loads the rule parser.
 *
 * @param folderId identifies the folder, so a rebuilt index can replace the stale one
 * @param content fingerprint of the inputs
 */
public record IndexKey(String folderId, String content) {
  public String dirName() {
    return folderId + "-" + content;
  }

  /**
   * The key of {@code folder} read with the built-in rules overlaid by {@code userRules}.
   *
   * @param userRules a folder of rules (already checked to be one), or empty
   */
  public static IndexKey of(Path folder, String version, ZoneId zone, Optional<Path> userRules) {
    if (!Files.isDirectory(folder)) {
      throw CoronerException.badInput(folder + ": not a folder (give the incident's log folder)");
    }
    try {
      KeyHash id = new KeyHash().field(folder.toRealPath().toString());
      KeyHash md = new KeyHash();
      field(md, "coroner " + version);
      field(md, "schema " + IndexSchema.VERSION);
      field(md, zone.getId());
      builtInRules(md);
      if (userRules.isPresent()) {
        field(md, "user rules");
        ruleFiles(md, userRules.get());
      }
      for (LogFile lf : FolderScanner.scan(folder, new Warnings(), false)) {
        for (LogFile.Part p : lf.parts()) {
          field(md, p.name());
          field(md, p.size() + ":" + p.modified());
        }
      }
      return new IndexKey(id.hex64(), md.hex128());
    } catch (IOException e) {
      throw new CoronerException(ExitStatus.BAD_INPUT.code(), folder + ": cannot be read: " + e.getMessage());
    }
  }

  /**
   * Where {@link RuleSet} reads the built-in rules from: the jar's stat, or each file's. (RuleSet
   * is not touched: initialising it builds its YAML parser.)
   */
  private static void builtInRules(KeyHash md) throws IOException {
    URL marker = IndexKey.class.getResource("/rules/formats");
    if (marker == null) {
      field(md, "no built-in rules");
      return;
    }
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        String spec = uri.getRawSchemeSpecificPart();
        Path jar = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
        field(md, "built-in rules in " + jar.getFileName());
        stat(md, jar);
      } else {
        field(md, "built-in rules");
        ruleFiles(md, Path.of(uri).getParent());
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("cannot locate the built-in rules: " + e.getMessage(), e);
    }
  }

  /**
   * Every file of every folder under {@code root}: a superset of the rule files (formats/,
   * signals/, diagnoses/), so a change to any of them changes the key.
   */
  private static void ruleFiles(KeyHash md, Path root) throws IOException {
    for (Path dir : list(root)) {
      if (Files.isDirectory(dir)) {
        for (Path f : list(dir)) {
          field(md, dir.getFileName() + "/" + f.getFileName());
          stat(md, f);
        }
      }
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static void stat(KeyHash md, Path f) throws IOException {
    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
    field(md, a.size() + ":" + a.lastModifiedTime().toMillis());
  }

  private static void field(KeyHash md, String s) {
    md.field(s);
  }
}
