package dev.coroner.cli;

import dev.coroner.CoronerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps every write out of the evidence folder. Paths are compared as the file system resolves
 * them (symbolic links followed, {@code ..} applied, {@link Path#toRealPath}), never as strings:
 * a link to the folder, or a path through one, is the folder.
 */
final class Guard {
  private Guard() {}

  /**
   * The real path of {@code p}: the real path of its longest existing prefix, with the rest
   * appended and normalised.
   */
  static Path real(Path p) {
    Path abs = p.toAbsolutePath();
    Path existing = abs;
    Path rest = null;
    while (existing != null) {
      try {
        Path r = existing.toRealPath();
        return (rest == null ? r : r.resolve(rest)).normalize();
      } catch (IOException e) {
        Path name = existing.getFileName();
        rest = name == null ? rest : rest == null ? name : name.resolve(rest);
        existing = existing.getParent();
      }
    }
    return abs.normalize();
  }

  /** True when {@code p}, links resolved, is the evidence folder or lies inside it. */
  static boolean inside(Path p, Path evidence) {
    Path ev = real(evidence);
    Path target = real(p);
    if (target.startsWith(ev)) {
      return true;
    }
    // the same folder reached by another name (a bind mount, a case-insensitive file system)
    for (Path q = target; q != null; q = q.getParent()) {
      try {
        if (Files.exists(q) && Files.isSameFile(q, ev)) {
          return true;
        }
      } catch (IOException | SecurityException e) {
        return false;
      }
    }
    return false;
  }

  /**
   * Exit 2 with one line when {@code target} would land inside the evidence folder; when one log
   * file was given instead of a folder, the folder that holds it is the evidence folder.
   */
  static void refuseInside(Path target, Path evidence) {
    if (Files.isRegularFile(evidence) && evidence.toAbsolutePath().getParent() != null) {
      evidence = evidence.toAbsolutePath().getParent();
    }
    if (inside(target, evidence)) {
      throw CoronerException.usage(target + " is inside the evidence folder " + evidence
          + " (links resolved); coroner never writes there: choose another -o");
    }
  }
}
