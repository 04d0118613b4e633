package dev.coroner.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rule files in effect: the built-in ones (bundled in the jar under {@code /rules}) overlaid
 * by a user's folder, file by file. Reads YAML into records, rejecting unknown keys.
 */
public final class RuleSet {
  public static final List<String> KINDS = List.of("formats", "signals", "diagnoses");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
  private final Map<String, Map<String, RuleFile>> files;

  private RuleSet(Map<String, Map<String, RuleFile>> files) {
    this.files = files;
  }

  /** The built-in rules, overlaid by {@code userDir} when present. */
  public static RuleSet load(Optional<Path> userDir) {
    Map<String, Map<String, RuleFile>> files = new TreeMap<>();
    for (String kind : KINDS) {
      files.put(kind, new TreeMap<>());
    }
    readBuiltIn(files);
    userDir.ifPresent(dir -> readUser(dir, files));
    return new RuleSet(files);
  }

  /** The files of one kind, sorted by name. */
  public List<RuleFile> files(String kind) {
    return List.copyOf(files.getOrDefault(kind, Collections.emptyMap()).values());
  }

  /** Reads a rule file's YAML into {@code type}; errors name file, line and column. */
  public static <T> T read(RuleFile file, Class<T> type) {
    try {
      T value = YAML.readValue(file.text(), type);
      if (value == null) {
        throw new RuleException(file.origin(), 1, 1, "the file is empty");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      JsonLocation at = e.getLocation();
      int line = file.text().contains(e.getPropertyName() + ":") ? file.lineOf(e.getPropertyName() + ":") : line(at);
      throw new RuleException(file.origin(), line, 1,
          "unknown field '" + e.getPropertyName() + "' (known: " + new java.util.TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList()) + ")");
    } catch (MismatchedInputException e) {
      JsonLocation at = e.getLocation();
      String where = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .reduce((a, b) -> a + "." + b).orElse("the top level");
      String want = e.getTargetType() == null ? "another shape" : shape(e.getTargetType());
      throw new RuleException(file.origin(), line(at), column(at), "wrong shape at '" + where + "': expected " + want);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new RuleException(file.origin(), line(at), column(at), e.getOriginalMessage());
    }
  }

  private static String shape(Class<?> type) {
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping (key: value)";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    return "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private static int line(JsonLocation at) {
    return at == null ? 1 : Math.max(1, at.getLineNr());
  }

  private static int column(JsonLocation at) {
    return at == null ? 1 : Math.max(1, at.getColumnNr());
  }

  private static void readUser(Path dir, Map<String, Map<String, RuleFile>> files) {
    if (!Files.isDirectory(dir)) {
      throw new RuleException(dir.toString(), 1, 1, "--rules must name a folder with formats/, signals/ or diagnoses/ in it");
    }
    for (String kind : KINDS) {
      Path sub = dir.resolve(kind);
      if (Files.isDirectory(sub)) {
        for (Path p : yamlFiles(sub)) {
          String name = p.getFileName().toString();
          files.get(kind).put(name, new RuleFile(kind, name, p.toString(), readText(p)));
        }
      }
    }
  }

  private static void readBuiltIn(Map<String, Map<String, RuleFile>> files) {
    URL marker = RuleSet.class.getResource("/rules/formats");
    if (marker == null) {
      return;
    }
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          fs = FileSystems.newFileSystem(uri, Map.of());
        }
        readBuiltInFrom(fs.getPath("/rules"), files);
      } else {
        readBuiltInFrom(Path.of(uri).getParent(), files);
      }
    } catch (URISyntaxException | IOException e) {
      throw new UncheckedIOException(new IOException("cannot read the built-in rules: " + e.getMessage(), e));
    }
  }

  private static void readBuiltInFrom(Path root, Map<String, Map<String, RuleFile>> files) {
    for (String kind : KINDS) {
      Path sub = root.resolve(kind);
      if (Files.isDirectory(sub)) {
        for (Path p : yamlFiles(sub)) {
          String name = p.getFileName().toString();
          files.get(kind).put(name, new RuleFile(kind, name, "rules/" + kind + "/" + name, readText(p)));
        }
      }
    }
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out = new ArrayList<>();
      s.filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
      }).sorted().forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new RuleException(dir.toString(), 1, 1, "cannot list rule folder: " + e.getMessage());
    }
  }

  private static String readText(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RuleException(p.toString(), 1, 1, "cannot read: " + e.getMessage());
    }
  }
}
