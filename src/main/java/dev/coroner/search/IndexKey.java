package dev.coroner.search;

import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleFile;
import dev.coroner.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;

/**
 * What an index was built from, as a name: the folder's identity (its real path) and a
 * fingerprint of everything that decides the documents: coroner's version, the zone, the rules'
 * text (signals are indexed) and each log file's relative path, size and modification time.
 * Contents are not hashed: a changed file changes its size or mtime, and stat is what keeps
 * reopening a gigabyte fast.
 *
 * @param folderId identifies the folder, so a rebuilt index can replace the stale one
 * @param content fingerprint of the inputs
 */
public record IndexKey(String folderId, String content) {
  public String dirName() {
    return folderId + "-" + content;
  }

  public static IndexKey of(Path folder, String version, ZoneId zone, RuleSet rules) {
    if (!java.nio.file.Files.isDirectory(folder)) {
      throw dev.coroner.CoronerException.badInput(folder + ": not a folder (give the incident's log folder)");
    }
    try {
      MessageDigest id = MessageDigest.getInstance("SHA-256");
      id.update(folder.toRealPath().toString().getBytes(StandardCharsets.UTF_8));
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      field(md, "coroner " + version);
      field(md, "schema " + IndexSchema.VERSION);
      field(md, zone.getId());
      for (String kind : RuleSet.KINDS) {
        for (RuleFile f : rules.files(kind)) {
          field(md, kind + "/" + f.name());
          field(md, f.text());
        }
      }
      for (LogFile lf : FolderScanner.scan(folder, new Warnings())) {
        for (LogFile.Part p : lf.parts()) {
          field(md, p.name());
          field(md, p.size() + ":" + p.modified());
        }
      }
      HexFormat hex = HexFormat.of();
      return new IndexKey(hex.formatHex(id.digest()).substring(0, 16), hex.formatHex(md.digest()).substring(0, 32));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new dev.coroner.CoronerException(dev.coroner.ExitStatus.BAD_INPUT, folder + ": cannot be read: " + e.getMessage());
    }
  }

  private static void field(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
    md.update((byte) ':');
    md.update(b);
  }
}
