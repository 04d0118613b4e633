package dev.coroner.rules;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The rule files in effect: the built-in ones (bundled in the jar under {@code /rules}) overlaid
 * by a user's folder, file by file. Reads YAML into records, rejecting unknown keys.
 */
public final class RuleSet {
  public static final List<String> KINDS = List.of("formats", "signals", "diagnoses");
  /** The bundled rules, read at build time (see {@link #writeParsed}). */
  static final String PARSED_RESOURCE = "/coroner-rules.bin";
  private final Map<String, Map<String, RuleFile>> files;

  /** The YAML reader, made on first use: a start with the bundled rules does without it. */
  private static final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        // an empty item ("- " or "key: ~" inside a list or map) is an error at its line, not a
        // null that fails later, far from the file, as a NullPointerException
        .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
  }

  /**
   * The bundled rule files, read once at build time and stored in the jar ({@link RecordCodec}), keyed by the
   * type read and the file's whole text: parsing YAML was half of a small diagnosis (Jackson and
   * SnakeYAML starting cold), a lookup is a millisecond. A key is the text itself, so a file that
   * differs in one character (a user's copy, a rule edited after the build) is read from YAML.
   */
  static final class Parsed {
    static final Map<String, Object> BY_TEXT = load();

    private static Map<String, Object> load() {
      try (InputStream in = RuleSet.class.getResourceAsStream(PARSED_RESOURCE)) {
        if (in == null) {
          return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) RecordCodec.read(new java.io.DataInputStream(new java.io.BufferedInputStream(in)));
        return m;
      } catch (IOException | RuntimeException e) {
        return Map.of(); // a build without it, or from another version: read the YAML
      }
    }
  }

  static String parsedKey(Class<?> type, String text) {
    return type.getName() + '\0' + text;
  }

  /**
   * Reads every bundled rule file with the type its kind is read as and writes them into
   * {@code classesDir}, where {@link Parsed} finds them (the build does this; see the pom).
   * Fails on the first bad file.
   */
  public static void writeParsed(Map<String, Class<?>> typeByKind, Path classesDir) throws IOException {
    Path out = classesDir.resolve(PARSED_RESOURCE.substring(1));
    RuleSet builtIn = load(Optional.empty());
    HashMap<String, Object> parsed = new HashMap<>();
    for (Map.Entry<String, Class<?>> k : typeByKind.entrySet()) {
      for (RuleFile f : builtIn.files(k.getKey())) {
        parsed.put(parsedKey(k.getValue(), f.text()), readYaml(f, k.getValue()));
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (java.io.DataOutputStream data = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(out)))) {
      RecordCodec.write(data, parsed);
    }
  }

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

  /** Whether {@code other} holds the same files, each with the same origin and text. */
  public boolean sameFiles(RuleSet other) {
    return files.equals(other.files);
  }

  /** The files of one kind, sorted by name. */
  public List<RuleFile> files(String kind) {
    return List.copyOf(files.getOrDefault(kind, Collections.emptyMap()).values());
  }

  /** Reads a rule file's YAML into {@code type}; errors name file, line and column. */
  public static <T> T read(RuleFile file, Class<T> type) {
    Object parsed = Parsed.BY_TEXT.get(parsedKey(type, file.text()));
    if (type.isInstance(parsed)) {
      return type.cast(parsed);
    }
    return readYaml(file, type);
  }

  /** Reads the YAML, never the build's copy. */
  static <T> T readYaml(RuleFile file, Class<T> type) {
    try {
      T value;
      try (JsonParser p = NoAliases.over(Yaml.MAPPER, file.text())) {
        value = Yaml.MAPPER.readValue(p, type);
      }
      if (value == null) {
        throw new RuleException(file.origin(), 1, 1, "the file is empty");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      JsonLocation at = locate(file.text(), e.getPath(), e.getLocation());
      throw new RuleException(file.origin(), line(at), column(at),
          "unknown field '" + e.getPropertyName() + "' (known: " + new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList()) + ")");
    } catch (MismatchedInputException e) {
      if (e.getPath().isEmpty() && e.getOriginalMessage().startsWith("No content to map")) {
        throw new RuleException(file.origin(), 1, 1, "the file is empty");
      }
      JsonLocation at = locate(file.text(), e.getPath(), e.getLocation());
      String where = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .reduce((a, b) -> a + "." + b).orElse("the top level");
      String want = e.getTargetType() == null ? "another shape" : shape(e.getTargetType());
      throw new RuleException(file.origin(), line(at), column(at), "wrong shape at '" + where + "': expected " + want);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof NoAliases.Refused r) {
        throw new RuleException(file.origin(), line(r.getLocation()), column(r.getLocation()), oneLine(r.getOriginalMessage()));
      }
      JsonLocation at = locate(file.text(), e.getPath(), e.getLocation());
      throw new RuleException(file.origin(), line(at), column(at), oneLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new RuleException(file.origin(), line(at), column(at), oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new RuleException(file.origin(), 1, 1, oneLine(e.getMessage()));
    }
  }

  /**
   * SnakeYAML's messages span lines (a snippet of the file and a caret); the error line keeps
   * their sentences only: "while scanning a quoted scalar: found unexpected end of stream".
   */
  static String oneLine(String message) {
    if (message == null) {
      return "invalid YAML";
    }
    StringBuilder sb = new StringBuilder();
    for (String l : message.split("\\R")) {
      if (l.isBlank() || Character.isWhitespace(l.charAt(0))) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(": ");
      }
      sb.append(l.strip());
    }
    return sb.length() == 0 ? message.strip().replaceAll("\\s+", " ") : sb.toString();
  }

  /**
   * Where the value at {@code path} starts in the YAML text. Jackson reports errors met while it
   * builds a record (an unknown field, a wrong type) at the end of the object it was reading, not
   * at the key; walking the path again through the parser finds the key's own line. Falls back to
   * {@code fallback} when the path cannot be followed.
   */
  private static JsonLocation locate(String text, List<JsonMappingException.Reference> path, JsonLocation fallback) {
    if (path.isEmpty()) {
      return fallback;
    }
    try (JsonParser p = Yaml.MAPPER.getFactory().createParser(text)) {
      p.nextToken();
      JsonLocation at = follow(p, path, 0);
      return at == null ? fallback : at;
    } catch (IOException | RuntimeException e) {
      return fallback;
    }
  }

  private static JsonLocation follow(JsonParser p, List<JsonMappingException.Reference> path, int depth) throws IOException {
    JsonMappingException.Reference r = path.get(depth);
    boolean last = depth == path.size() - 1;
    if (p.currentToken() == JsonToken.START_OBJECT && r.getFieldName() != null) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonLocation key = p.currentTokenLocation();
        p.nextToken();
        if (name.equals(r.getFieldName())) {
          return last ? key : follow(p, path, depth + 1);
        }
        p.skipChildren();
      }
    } else if (p.currentToken() == JsonToken.START_ARRAY && r.getIndex() >= 0) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null) {
        if (i++ == r.getIndex()) {
          return last ? p.currentTokenLocation() : follow(p, path, depth + 1);
        }
        p.skipChildren();
      }
    }
    return null;
  }

  private static String shape(Class<?> type) {
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping (key: value)";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
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
        readBuiltInFromJar(uri, files);
      } else {
        readBuiltInFrom(Path.of(uri).getParent(), files);
      }
    } catch (URISyntaxException | IOException e) {
      throw new UncheckedIOException(new IOException("cannot read the built-in rules: " + e.getMessage(), e));
    }
  }

  /**
   * The bundled rules, read with {@link JarFile} (its entry list is a quick read;
   * mounting the jar as a file system took a tenth of a second of every start).
   */
  private static void readBuiltInFromJar(URI uri, Map<String, Map<String, RuleFile>> files) throws IOException {
    String spec = uri.getRawSchemeSpecificPart();
    String jarPath = spec.substring(0, spec.indexOf("!/"));
    try (JarFile jar = new JarFile(Path.of(URI.create(jarPath)).toFile())) {
      List<JarEntry> entries = new ArrayList<>();
      jar.stream().filter(e -> e.getName().startsWith("rules/") && !e.isDirectory()).forEach(entries::add);
      entries.sort(Comparator.comparing(JarEntry::getName));
      for (JarEntry e : entries) {
        String[] parts = e.getName().split("/");
        if (parts.length != 3 || !files.containsKey(parts[1]) || !(parts[2].endsWith(".yaml") || parts[2].endsWith(".yml"))) {
          continue;
        }
        try (InputStream in = jar.getInputStream(e)) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          files.get(parts[1]).put(parts[2], new RuleFile(parts[1], parts[2], e.getName(), text, true));
        }
      }
    }
  }

  private static void readBuiltInFrom(Path root, Map<String, Map<String, RuleFile>> files) {
    for (String kind : KINDS) {
      Path sub = root.resolve(kind);
      if (Files.isDirectory(sub)) {
        for (Path p : yamlFiles(sub)) {
          String name = p.getFileName().toString();
          files.get(kind).put(name, new RuleFile(kind, name, "rules/" + kind + "/" + name, readText(p), true));
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

  /** The largest rule file read (the bundled ones are a few KiB): a larger one is refused before it is read. */
  static final long MAX_RULE_FILE = 1 << 20;

  private static String readText(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      long size = Files.size(p);
      if (size > MAX_RULE_FILE) {
        throw new RuleException(p.toString(), 1, 1, "the file is " + size + " bytes; a rule file is at most "
            + MAX_RULE_FILE + " bytes (split it, or check that it is the file you meant)");
      }
      byte[] bytes = in.readNBytes((int) MAX_RULE_FILE + 1);
      if (bytes.length > MAX_RULE_FILE) {
        throw new RuleException(p.toString(), 1, 1, "the file grew past " + MAX_RULE_FILE + " bytes while it was read");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RuleException(p.toString(), 1, 1, "cannot read: " + e.getMessage());
    }
  }
}
