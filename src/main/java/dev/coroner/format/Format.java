package dev.coroner.format;

import dev.coroner.rules.RuleException;
import dev.coroner.rules.RuleFile;
import dev.coroner.rules.SafePattern;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled line format: immutable and shared by every thread, the way a {@link
 * java.util.regex.Pattern} is. Reading lines needs a {@link Scanner} (see {@link #scanner}), which
 * holds the matching state (matchers, the timestamp cache) of one thread, the way a {@link
 * java.util.regex.Matcher} does. Its patterns are {@link SafePattern}s (a read budget per match),
 * so a user's format cannot hang a run. The built-in formats' heads and uvicorn's access line are
 * read by hand-written recognisers ({@link FastPaths}) that give exactly what their regexes give.
 */
public final class Format {
  private static final Set<String> SPECIAL_GROUPS = Set.of("time", "level", "logger", "message");
  private final FormatSpec spec;
  private final Source source;
  private final SafePattern start;
  /** The spec's {@code signature}, compiled; null when it has none. */
  private final SafePattern signature;
  private final ZoneId zone;
  private final List<CompiledExtractor> extractors;
  private final List<Map.Entry<SafePattern, Source>> byLogger;
  /** The {@code sourceByFrame} patterns (each with {@code (?m)}: it reads one line) and their sides. */
  private final List<Map.Entry<SafePattern, Source>> byFrame;
  /**
   * The characters a name must start with for a {@code sourceByLogger} pattern to find it, when
   * every one of them is anchored at the name's start with known start characters
   * ({@link SafePattern#anchoredStarts}): their union (none at all when the format has no such
   * pattern); else null, and every name is asked. See {@link #mayHaveSide}.
   */
  private final boolean[] loggerStarts;
  private final List<Map.Entry<SafePattern, Source>> byFileName;
  private final String[] prefixes;
  private final boolean messageIsTail;
  /** The start pattern's groups, with logger2 and the like read as the special name they stand for. */
  private final String[] groupNames;
  private final int[] groupIndexes;
  /** Set once by {@link Formats#load} (before the format is shared), or by a view's constructor. */
  private List<Format> inner = List.of();
  /** Which extractors run: all, unless {@link #onlyFields} narrowed them for a pass that needs a few fields. */
  private final boolean[] extractorOn;
  /** The hand-written reader of the start pattern, or null (then the regex reads every line). */
  private final FastPaths.HeadReader fastHead;
  /** Per extractor, its hand-written reader or null. */
  private final FastPaths.Extractor[] fastExtractors;
  /**
   * The extractor whose access lines are read from a remembered one that differs only in the
   * client port ({@link Scanner#likeRemembered}), or -1 ({@link #portTemplate}).
   */
  private final int portTemplate;
  /** The reader of a line that is one JSON object ({@code json:} of the spec), or null. */
  private final JsonHead json;

  private record CompiledExtractor(List<String> contains, SafePattern pattern, List<String> groups, boolean multiline) {}

  Format(FormatSpec spec, RuleFile file, ZoneId zone) {
    this.spec = spec;
    this.zone = zone;
    if (spec.id() == null || !spec.id().equals(file.id())) {
      throw new RuleException(file, "id:", "format id '" + spec.id() + "' must equal the file name '" + file.id() + "'");
    }
    if (spec.start() == null) {
      throw new RuleException(file.origin(), 1, 1, "missing field 'start' (the regex a record's first line matches)");
    }
    this.source = source(file, spec.source(), "source:");
    String startRegex = spec.start();
    boolean tail = false;
    for (String suffix : new String[] {"(?P<message>.*)$", "(?<message>.*)$"}) {
      if (startRegex.endsWith(suffix)) {
        // the message is the rest of the line: match the prefix only, then cut (no regex over it)
        startRegex = startRegex.substring(0, startRegex.length() - suffix.length());
        tail = true;
      }
    }
    this.messageIsTail = tail;
    this.start = compile(file, startRegex, "start:");
    this.signature = spec.signature() == null || spec.signature().isEmpty() ? null : compile(file, spec.signature(), "signature:");
    this.groupNames = new String[start.namedGroups().size()];
    this.groupIndexes = new int[groupNames.length];
    int k = 0;
    for (Map.Entry<String, Integer> g : start.namedGroups().entrySet()) {
      // java.util.regex allows a name once: logger2 stands for a second place a logger can be
      String base = g.getKey().replaceFirst("\\d+$", "");
      groupNames[k] = isSpecialGroup(base) ? base : g.getKey();
      groupIndexes[k++] = g.getValue();
    }
    if (!tail && !start.namedGroups().containsKey("message")) {
      throw new RuleException(file, "start:", "the start pattern needs a named group 'message'");
    }
    if (start.namedGroups().containsKey("time") && (spec.timestamp() == null || spec.timestamp().isBlank())) {
      throw new RuleException(file, "start:", "the start pattern has a 'time' group but no 'timestamp' says how to read it");
    }
    try {
      new Timestamps(spec.timestamp(), zone);
    } catch (IllegalArgumentException e) {
      throw new RuleException(file, "timestamp:", "bad timestamp pattern: " + e.getMessage());
    }
    this.extractors = new ArrayList<>();
    for (FormatSpec.Extractor x : spec.fields()) {
      if (x.pattern() == null) {
        throw new RuleException(file, "fields:", "a field extractor has no 'pattern' (a regex with named groups)");
      }
      SafePattern p = compile(file, x.pattern(), x.pattern());
      extractors.add(new CompiledExtractor(x.contains(), p, List.copyOf(p.namedGroups().keySet()), x.multiline()));
    }
    this.byLogger = new ArrayList<>();
    spec.sourceByLogger().forEach((re, s) -> byLogger.add(Map.entry(compile(file, re, re), source(file, s, s))));
    this.loggerStarts = loggerStarts(byLogger);
    this.byFrame = new ArrayList<>();
    spec.sourceByFrame().forEach((re, s) -> byFrame.add(Map.entry(compile(file, "(?m)" + re, re), source(file, s, s))));
    this.byFileName = new ArrayList<>();
    spec.sourceByFileName().forEach((re, s) -> byFileName.add(Map.entry(compile(file, re, re), source(file, s, s))));
    this.prefixes = spec.prefixes().toArray(new String[0]);
    this.extractorOn = allOn(extractors.size());
    this.fastHead = messageIsTail ? FastPaths.head(startRegex, spec.timestamp()) : FastPaths.whole(startRegex, spec.timestamp());
    this.json = spec.json() == null ? null : jsonHead(file, spec.json());
    this.fastExtractors = new FastPaths.Extractor[extractors.size()];
    for (int i = 0; i < fastExtractors.length; i++) {
      CompiledExtractor x = extractors.get(i);
      fastExtractors[i] = x.multiline() ? null : FastPaths.extractor(x.pattern().source(), x.groups());
    }
    for (String masked : spec.signalMask()) {
      if (!start.namedGroups().containsKey(masked) && extractors.stream().noneMatch(x -> x.groups().contains(masked))) {
        throw new RuleException(file, "signalMask:", "signalMask names '" + masked
            + "', which no group of this format's start or fields gives");
      }
    }
    this.portTemplate = portTemplate();
  }

  /** A view of {@code f} with other extractors on, or without the hand-written readers. */
  private Format(Format f, boolean[] extractorOn, boolean fast, List<Format> inner) {
    this.spec = f.spec;
    this.zone = f.zone;
    this.source = f.source;
    this.start = f.start;
    this.extractors = f.extractors;
    this.byLogger = f.byLogger;
    this.byFrame = f.byFrame;
    this.loggerStarts = f.loggerStarts;
    this.byFileName = f.byFileName;
    this.prefixes = f.prefixes;
    this.messageIsTail = f.messageIsTail;
    this.signature = f.signature;
    this.groupNames = f.groupNames;
    this.groupIndexes = f.groupIndexes;
    this.inner = inner;
    this.extractorOn = extractorOn;
    this.fastHead = fast ? f.fastHead : null;
    this.fastExtractors = fast ? f.fastExtractors : new FastPaths.Extractor[f.fastExtractors.length];
    this.json = f.json;
    this.portTemplate = portTemplate();
  }

  /**
   * The index of the extractor read by {@link FastPaths#uvicornAccess} when every extractor in
   * effect other than the multiline ones is gated by {@code contains} literals without a digit,
   * and neither key=value reading nor inner formats add fields; else -1.
   *
   * <p>Then two one-line bodies that differ only in the digits of the access line's client port
   * give the same fields but that port (see {@link Scanner#likeRemembered}): a literal without
   * a digit cannot overlap a run of digits, so each {@code contains} test answers the same on
   * both (the text around the run is the same), and a multiline extractor runs on neither.
   */
  private int portTemplate() {
    if (spec.keyValues() || !inner.isEmpty()) {
      return -1;
    }
    int access = -1;
    for (int i = 0; i < extractors.size(); i++) {
      CompiledExtractor x = extractors.get(i);
      if (!extractorOn[i] || x.multiline()) {
        continue;
      }
      if (x.contains() == null || x.contains().isEmpty()) {
        return -1;
      }
      for (String l : x.contains()) {
        for (int c = 0; c < l.length(); c++) {
          if (l.charAt(c) >= '0' && l.charAt(c) <= '9') {
            return -1;
          }
        }
      }
      if (fastExtractors[i] != null && x.pattern().source().equals(FastPaths.UVICORN_ACCESS)) {
        access = i;
      }
    }
    return access;
  }

  private static JsonHead jsonHead(RuleFile file, Map<String, List<String>> byRole) {
    for (Map.Entry<String, List<String>> e : byRole.entrySet()) {
      if (!JsonHead.ROLES.contains(e.getKey())) {
        throw new RuleException(file, "json:", "unknown role '" + e.getKey() + "' (known: " + String.join(", ", JsonHead.ROLES) + ")");
      }
      if (e.getValue() == null || e.getValue().isEmpty()) {
        throw new RuleException(file, "json:", "role '" + e.getKey() + "' names no key");
      }
    }
    if (!byRole.containsKey(JsonHead.MESSAGE)) {
      throw new RuleException(file, "json:", "names no 'message' keys (the text the signals read)");
    }
    return new JsonHead(byRole);
  }

  private static boolean[] allOn(int n) {
    boolean[] on = new boolean[n];
    Arrays.fill(on, true);
    return on;
  }

  /**
   * This format with only the extractors that can give one of {@code names} (key=value parsing
   * stays: its keys are not known in advance). For a pass that reads a few fields of every
   * record; the fields it gives are then a subset of the full reading's.
   */
  public Format onlyFields(Set<String> names) {
    boolean[] on = new boolean[extractors.size()];
    for (int i = 0; i < on.length; i++) {
      boolean any = false;
      for (String g : extractors.get(i).groups()) {
        any |= names.contains(g);
      }
      on[i] = extractorOn[i] && any;
    }
    return new Format(this, on, fastHead != null || hasFastExtractor(), inner.stream().map(f -> f.onlyFields(names)).toList());
  }

  /**
   * Whether {@link Scanner#extract} may give one of {@code names}: an extractor in effect has a
   * group of that name, key=value reading is on (its keys are not known in advance), or an inner
   * format may. The start pattern's fields are not asked of (they are in the head).
   */
  public boolean mayExtract(Set<String> names) {
    if (spec.keyValues()) {
      return true;
    }
    for (int i = 0; i < extractors.size(); i++) {
      if (extractorOn[i]) {
        for (String g : extractors.get(i).groups()) {
          if (names.contains(g)) {
            return true;
          }
        }
      }
    }
    for (Format f : inner) {
      if (f.mayExtract(names)) {
        return true;
      }
    }
    return false;
  }

  /**
   * This format read by its regexes alone (the hand-written readers off, inner formats too): the
   * reference the fast paths are tested and measured against.
   */
  public Format regexOnly() {
    return new Format(this, extractorOn, false, inner.stream().map(Format::regexOnly).toList());
  }

  /** Whether a hand-written reader stands in for the start pattern. */
  public boolean fastHead() {
    return fastHead != null;
  }

  private boolean hasFastExtractor() {
    for (FastPaths.Extractor x : fastExtractors) {
      if (x != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code line}, which this format reads, is a sign of the format for detection: it holds
   * the format's {@code signature}, or the format has none.
   */
  public boolean signs(String line) {
    return signature == null || signature.find(line);
  }

  /** A reader of lines in this format for one thread (matchers and caches are its own). */
  public Scanner scanner() {
    return new Scanner();
  }

  void link(List<Format> innerFormats) {
    this.inner = List.copyOf(innerFormats);
  }

  private static SafePattern compile(RuleFile file, String regex, String token) {
    try {
      return SafePattern.compile(regex, file.builtIn());
    } catch (PatternSyntaxException e) {
      throw new RuleException(file, token, "bad regex " + regex + ": " + e.getMessage());
    }
  }

  private static Source source(RuleFile file, String s, String token) {
    try {
      return s == null ? Source.OTHER : Source.of(s);
    } catch (IllegalArgumentException e) {
      throw new RuleException(file, token, "unknown source '" + s + "' (one of client, server, launcher, other)");
    }
  }

  public String id() {
    return spec.id();
  }

  public FormatSpec spec() {
    return spec;
  }

  public int priority() {
    return spec.priority();
  }

  /** Another tool's prefix around a program's line, peeled before the program formats are tried. */
  public boolean envelope() {
    return spec.envelope();
  }

  /** The format of lines no other format reads. */
  public boolean fallback() {
    return spec.fallback();
  }

  /** The side of every record in this format when its shape says it (uvicorn's), else null. */
  Source shapeSource() {
    return spec.sourceByShape() ? source : null;
  }

  public boolean timed() {
    return start.namedGroups().containsKey("time") || (json != null && spec.json().containsKey(JsonHead.TIME))
        || inner.stream().anyMatch(Format::timed);
  }

  /** The source of a file in this format, from its name when the format says so. */
  public Source sourceForFile(String fileName) {
    for (Map.Entry<SafePattern, Source> e : byFileName) {
      if (e.getKey().find(fileName)) {
        return e.getValue();
      }
    }
    return source;
  }

  /**
   * Reads lines in one format for one thread: the matchers of its patterns, its timestamp
   * cache and its inner formats' scanners. Not thread-safe; cheap to keep per reader.
   */
  public final class Scanner {
    private final SafePattern.Scanner startScan = start.scanner();
    private final SafePattern.Scanner[] extractorScans = new SafePattern.Scanner[extractors.size()];
    private final Timestamps timestamps = new Timestamps(spec.timestamp(), zone);
    private final Scanner[] innerScans;
    private final int[] bounds = new int[2 * FastPaths.MAX_GROUPS];
    /** The last logger read by the fast head: loggers repeat, their text is not copied again. */
    private String lastLogger = "";
    /** The last host and pid fields a syslog prefix gave ({@link #hostPid}), and their texts. */
    private Map<String, String> lastHostPid = Map.of();
    private String lastHost = "";
    private String lastPid;
    /**
     * The last line the syslog fast head read ({@link FastPaths#syslog}), the length of its
     * prefix (its text up to the message) and the head it gave: a log's lines of one second
     * share the prefix whole.
     */
    String syslogLine;
    int syslogPrefix;
    Head syslogHead;
    /** See {@link #extractsAlone}: fixed by the format, so asked once, not once a record. */
    private final boolean extractsAlone;
    /** Remembered access lines ({@link #likeRemembered}), the oldest replaced first. */
    private final PortTemplate[] remembered = new PortTemplate[PORT_TEMPLATES];
    private int portNext;
    /** The last {@link #extract}'s text when only the access extractor found fields in it, and its port's bounds. */
    private String pending;
    private int pendingFrom;
    private int pendingTo;

    private Scanner() {
      innerScans = new Scanner[inner.size()];
      boolean alone = !spec.keyValues();
      for (int i = 0; i < innerScans.length; i++) {
        innerScans[i] = inner.get(i).scanner();
        alone &= innerScans[i].extractsAlone;
      }
      extractsAlone = alone;
    }

    public Format format() {
      return Format.this;
    }

    /**
     * Reads a record's first line, or returns null when the line does not start a record.
     * The result's {@code time} is {@link Event#NO_TIME} when the line has none.
     */
    public Head head(String line) {
      if (prefixes.length > 0 && !startsWithAny(line)) {
        return null;
      }
      if (json != null) {
        return startScan.lookingAt(line) ? json.read(line, timestamps) : null;
      }
      if (fastHead != null && innerScans.length == 0) {
        Head h = fastHead.read(line, this);
        if (h != FastPaths.UNSURE) {
          return h;
        }
      }
      SafePattern.Scanner m = startScan;
      if (messageIsTail ? !m.lookingAt(line) : !m.matches(line)) {
        return null;
      }
      Map<String, String> fields = Map.of();
      long time = Event.NO_TIME;
      String level = "";
      String logger = "";
      String message = messageIsTail ? line.substring(m.end()) : m.group("message") == null ? "" : m.group("message");
      for (int k = 0; k < groupNames.length; k++) {
        String v = m.group(groupIndexes[k]);
        if (v == null) {
          continue;
        }
        switch (groupNames[k]) {
          case "time" -> time = timestamps.parse(v);
          case "level" -> level = v;
          case "logger" -> logger = v.trim();
          case "message" -> {
            if (message.isEmpty()) {
              message = v; // message2, ...: the message of another alternative of the pattern
            }
          }
          default -> {
            if (fields.isEmpty()) {
              fields = new LinkedHashMap<>();
            }
            fields.put(groupNames[k], v);
          }
        }
      }
      if (innerScans.length > 0) {
        Head in = null;
        for (Scanner f : innerScans) {
          in = f.head(message);
          if (in != null && in.starts() && !f.format().spec().weak()) {
            break;
          }
          in = null;
        }
        if (in == null) {
          return new Head(time, level, logger, message, fields, false);
        }
        if (!in.fields().isEmpty()) {
          fields = new LinkedHashMap<>(fields);
          fields.putAll(in.fields());
        }
        return new Head(time != Event.NO_TIME ? time : in.time(), in.level().isEmpty() ? level : in.level(),
            in.logger().isEmpty() ? logger : in.logger(), in.message(), fields, true);
      }
      return new Head(time, level, logger, message, fields, true);
    }

    /** Adds the fields the extractors find in a record's body (its messages, all lines). */
    public void extract(String text, Map<String, String> fields) {
      boolean several = text.indexOf('\n') >= 0;
      // whether the access extractor alone could run on this text (see likeRemembered)
      boolean template = portTemplate >= 0 && !several && fields.isEmpty();
      pending = null;
      for (int i = 0; i < extractorScans.length; i++) {
        CompiledExtractor x = extractors.get(i);
        if (!extractorOn[i] || (x.multiline() && !several) || (x.contains() != null && !containsAny(text, x.contains()))) {
          continue;
        }
        FastPaths.Extractor fast = fastExtractors[i];
        boolean found = false;
        boolean asked = false;
        if (template) {
          if (i == portTemplate) {
            found = fast.find(text, bounds);
            asked = true;
          }
          if (found && text.lastIndexOf(':', bounds[1] - 1) < 0) {
            pending = text; // the client has no colon: the port's colon is the text's first
            pendingFrom = bounds[2];
            pendingTo = bounds[3];
          } else {
            template = false; // another extractor runs, or this line is not remembered
            pending = null;
          }
        }
        if (fast != null) {
          if (asked ? found : fast.find(text, bounds)) {
            List<String> groups = x.groups();
            for (int g = 0; g < groups.size(); g++) {
              if (bounds[2 * g] >= 0 && !fields.containsKey(groups.get(g))) {
                String v = text.substring(bounds[2 * g], bounds[2 * g + 1]);
                if (fields instanceof FieldMap.Builder b) {
                  b.addAbsent(groups.get(g), v); // absent: just asked, no second look
                } else {
                  fields.put(groups.get(g), v);
                }
              }
            }
          }
          continue;
        }
        SafePattern.Scanner m = extractorScans[i];
        if (m == null) {
          m = extractorScans[i] = x.pattern().scanner();
        }
        if (m.find(text)) {
          for (String g : x.groups()) {
            String v = m.group(g);
            if (v != null && !fields.containsKey(g)) {
              fields.put(g, v);
            }
          }
        }
      }
      if (spec.keyValues()) {
        KeyValues.parse(text, fields);
      }
      for (Scanner f : innerScans) {
        f.extract(text, fields);
      }
    }

    /**
     * The fields {@link #extract} finds in {@code text} (a one-line body, into no fields), read
     * from a remembered access line ({@link #remember}) that is the same text but for the digits
     * of the client port, else null. Exact when {@link #portTemplate} is set: the remembered line
     * ran its access extractor alone (every other {@code contains} test failed), so this one does
     * too; and its client, before the port's colon, held no colon and no white space, so the
     * hand-written reader, which tries the client's ends left to right and moves on at each
     * character that is not a colon, reaches the same colon and reads the rest in the same text
     * shifted by the port's change of length: the same client, method, path and status, and this
     * line's port.
     */
    Map<String, String> likeRemembered(String text) {
      if (portTemplate < 0) {
        return null;
      }
      int n = text.length();
      for (PortTemplate r : remembered) {
        if (r == null) {
          continue;
        }
        BodyShape shape = r.shape();
        String prefix = shape.prefix();
        int from = prefix.length();
        int to = n - shape.suffix().length();
        // the suffix by String.indexOf, which compares many chars at once (regionMatches one by
        // one): from `to` there is room for it at `to` alone, so it is found there or nowhere
        if (to <= from || !text.regionMatches(0, prefix, 0, from) || text.indexOf(shape.suffix(), to) != to) {
          continue;
        }
        int d = from;
        while (d < to && text.charAt(d) >= '0' && text.charAt(d) <= '9') {
          d++;
        }
        if (d == to) {
          // the remembered line's text with this port: its shape (see BodyShape)
          return r.fields().shaped(shape, text.substring(from, to));
        }
      }
      return null;
    }

    /**
     * Remembers {@code text} and the fields {@link #extract} just found in it (built from an
     * empty map), when the access extractor alone ran on it, for {@link #likeRemembered}.
     */
    void remember(String text, Map<String, String> fields) {
      if (pending != text || !(fields instanceof FieldMap f)) {
        return;
      }
      int at = f.indexOf("clientport");
      if (at < 0 || !f.valueAt(at).contentEquals(text.subSequence(pendingFrom, pendingTo))) {
        return;
      }
      int k = portNext;
      portNext = (k + 1) % PORT_TEMPLATES;
      remembered[k] = new PortTemplate(new BodyShape(text.substring(0, pendingFrom), text.substring(pendingTo), at), f);
      pending = null;
    }

    Timestamps timestamps() {
      return timestamps;
    }

    /**
     * The fields {@code hostname} (the text between {@code hostFrom} and {@code hostTo}) and, when
     * {@code pidFrom} is not -1, {@code pid}: the last line's map itself when both texts are the
     * same (a journald log's lines repeat them), so a record's envelope fields are made once.
     */
    Map<String, String> hostPid(String line, int hostFrom, int hostTo, int pidFrom, int pidTo) {
      boolean samePid = pidFrom < 0 ? lastPid == null
          : lastPid != null && pidTo - pidFrom == lastPid.length() && line.regionMatches(pidFrom, lastPid, 0, pidTo - pidFrom);
      if (samePid && hostTo - hostFrom == lastHost.length() && line.regionMatches(hostFrom, lastHost, 0, hostTo - hostFrom)
          && !lastHostPid.isEmpty()) {
        return lastHostPid;
      }
      lastHost = line.substring(hostFrom, hostTo);
      lastPid = pidFrom < 0 ? null : line.substring(pidFrom, pidTo);
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("hostname", lastHost);
      if (lastPid != null) {
        fields.put("pid", lastPid);
      }
      return lastHostPid = FieldMap.copyOf(fields);
    }

    /**
     * Whether {@link #extract} into a map that already holds some fields gives those fields and
     * then what it gives into an empty map less the names already there: true unless a
     * {@code key=value} reading (which stops after so many new names) is part of it.
     */
    boolean extractsAlone() {
      return extractsAlone;
    }

    /** A compose service's fields: its name as the container; the same map while the name is the same string. */
    Map<String, String> container(String name) {
      if (name != lastContainerName) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("container", name);
        lastContainer = FieldMap.copyOf(fields);
        lastContainerName = name;
      }
      return lastContainer;
    }

    private String lastContainerName;
    private Map<String, String> lastContainer;

    /** The logger of {@code line} between {@code from} and {@code to}, trimmed; the last one's text when equal. */
    String logger(String line, int from, int to) {
      while (from < to && line.charAt(from) <= ' ') {
        from++;
      }
      while (to > from && line.charAt(to - 1) <= ' ') {
        to--;
      }
      int n = to - from;
      if (n == lastLogger.length() && line.regionMatches(from, lastLogger, 0, n)) {
        return lastLogger;
      }
      return lastLogger = line.substring(from, to);
    }
  }

  /** The union of the patterns' start characters when each is anchored and has them known; else null. */
  private static boolean[] loggerStarts(List<Map.Entry<SafePattern, Source>> patterns) {
    boolean[] union = new boolean[128];
    for (Map.Entry<SafePattern, Source> e : patterns) {
      boolean[] starts = e.getKey().anchoredStarts();
      if (starts == null) {
        return null;
      }
      for (int c = 0; c < union.length; c++) {
        union[c] |= starts[c];
      }
    }
    return union;
  }

  /**
   * False only when no {@code sourceByLogger} pattern can find {@code name}, so that
   * {@link #sideOfLogger} would give null: every pattern is anchored at the name's start and
   * none can start with its first character. Asked before a reader's memo of names: a log whose
   * logger names never repeat (one per worker or shard) then costs neither a lookup nor a match
   * per record.
   */
  boolean mayHaveSide(String name) {
    if (loggerStarts == null) {
      return true;
    }
    if (name.isEmpty()) {
      return false;
    }
    char c = name.charAt(0);
    return c < loggerStarts.length && loggerStarts[c];
  }

  /**
   * The side the first of this format's {@code sourceByLogger} patterns that finds {@code name}
   * (a record's logger, an envelope's service) gives; null when none does.
   */
  Source sideOfLogger(String name) {
    for (Map.Entry<SafePattern, Source> e : byLogger) {
      if (e.getKey().find(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * The side the first of this format's {@code sourceByFrame} patterns that finds a line of
   * {@code body} after its first (each pattern reads one line: {@code ^} and {@code $} are a
   * line's ends) gives; null when none does, or the body is one line.
   */
  Source sideOfFrames(String body) {
    int nl = byFrame.isEmpty() ? -1 : body.indexOf('\n');
    if (nl < 0) {
      return null;
    }
    String rest = body.substring(nl + 1);
    for (Map.Entry<SafePattern, Source> e : byFrame) {
      if (e.getKey().find(rest)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Access lines remembered per scanner ({@link Scanner#likeRemembered}): a log's few kinds of request. */
  static final int PORT_TEMPLATES = 4;

  /**
   * A remembered access line: its text around the client port (the shape's gap, at the client
   * port's index among the fields) and its fields.
   */
  private record PortTemplate(BodyShape shape, FieldMap fields) {}

  private static boolean containsAny(String text, List<String> literals) {
    for (String l : literals) {
      if (text.contains(l)) {
        return true;
      }
    }
    return false;
  }

  private boolean startsWithAny(String line) {
    for (String p : prefixes) {
      if (line.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  static boolean isSpecialGroup(String name) {
    return SPECIAL_GROUPS.contains(name);
  }

  /**
   * A record's first line, read.
   *
   * @param starts false when a wrapper format read the line but its inner format says the
   *     wrapped text continues the record above (a captured traceback line)
   */
  public record Head(long time, String level, String logger, String message, Map<String, String> fields, boolean starts) {}
}
