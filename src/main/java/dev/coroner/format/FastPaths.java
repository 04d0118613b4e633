package dev.coroner.format;

import java.util.List;
import java.util.Map;

/**
 * Hand-written readers of the bundled formats' hottest patterns: python logging's and uvicorn's
 * record heads and uvicorn's access line. Each stands in for one regex, chosen by the regex's
 * exact text (and the timestamp kind), so a format that changes its pattern is read by its regex
 * again. Each gives exactly what its regex gives, line for line: the same match or no match, the
 * same groups, the same parsed time ({@code FastPathsTest} replays every sample line, a generated
 * folder and mutated near-misses through both). Character by character, without the backtracking
 * machinery, and the time read in place.
 *
 * <p>The reasoning that makes each exact is written next to it: where the regex could backtrack,
 * why only one choice can succeed.
 */
final class FastPaths {
  /** The most groups a hand-written extractor reports. */
  static final int MAX_GROUPS = 8;

  private FastPaths() {}

  /** Reads a record's first line as a format's start pattern (message to the end of the line) does. */
  interface HeadReader {
    /**
     * The head, or null when the regex would not match, or {@link #UNSURE} when this reader
     * leaves the line to the regex; {@code sc} is the calling thread's scanner.
     */
    Format.Head read(String line, Format.Scanner sc);
  }

  /** A head reader's answer for a line it leaves to the regex. */
  static final Format.Head UNSURE = new Format.Head(Event.NO_TIME, "", "", "", java.util.Map.of(), false);

  /** Finds what an extractor's regex finds. */
  interface Extractor {
    /**
     * Whether the regex occurs in {@code text}; if so {@code bounds[2g]} and {@code bounds[2g+1]}
     * are where group g (in order of appearance) starts and ends, -1 when it took no part.
     */
    boolean find(String text, int[] bounds);
  }

  /** python-logging.yaml's start, without its {@code (?P<message>.*)$} tail. */
  static final String PYTHON_LOGGING =
      "^(?P<time>\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[,.]\\d{1,6})?) - (?P<logger>.+?) - (?P<level>[A-Z]+) - ";
  /** uvicorn.yaml's start, without its tail. */
  static final String UVICORN = "^(?P<level>INFO|ERROR|WARNING|DEBUG|CRITICAL|TRACE):?\\s+";
  /** syslog.yaml's start (journald and syslog prefixes), without its tail. */
  static final String SYSLOG =
      "^(?P<time>(?:\\p{L}{3}|Thg \\d{1,2}| ?\\d{1,2}[月월]) [ \\d]?\\d \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})) (?!(?:out|err|stdout|stderr) )(?P<hostname>[\\w.-]+) (?!(?:INFO|ERROR|WARNING|WARN|DEBUG|CRITICAL|TRACE|FATAL)\\b)(?P<logger>[\\w.@/-]+?)(?:\\[(?P<pid>\\d+)\\])?: ";
  /** uvicorn.yaml's access-line extractor. */
  static final String UVICORN_ACCESS =
      "^(?P<client>\\S+?):(?P<clientport>\\d+) - \"(?P<method>[A-Z]+) (?P<path>\\S+) HTTP/[\\d.]+\" (?P<status>\\d{3})";

  /** compose.yaml's start, matched whole: its message is not the line's tail (a second alternative follows it). */
  static final String COMPOSE =
      "^(?:(?P<time>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) )?(?:(?P<logger>(?P<container>[A-Za-z0-9][\\w.-]{0,62}?))(?:(?:[-_]\\d{1,3})\\s+|\\s{2,}|(?<=[_.-][\\w.-]{0,61})\\s)\\| ?(?P<message>.*)|(?P<message2>(?P<logger2>[A-Za-z0-9][\\w.-]{0,62}?)(?:[-_]\\d{1,3})? exited with code \\d+))$";

  /**
   * The hand-written reader of a start pattern matched whole ({@code regex} as written, its
   * message a group inside it) read with timestamps of {@code timestampKind}, or null.
   */
  static HeadReader whole(String regex, String timestampKind) {
    if (regex.equals(COMPOSE) && "python".equals(timestampKind)) {
      return FastPaths::compose;
    }
    return null;
  }

  /**
   * The hand-written reader of a start pattern ({@code regex} without its message tail) read
   * with timestamps of {@code timestampKind}, or null when there is none.
   */
  static HeadReader head(String regex, String timestampKind) {
    if (regex.equals(PYTHON_LOGGING) && "python".equals(timestampKind)) {
      return FastPaths::pythonLogging;
    }
    if (regex.equals(UVICORN)) {
      return FastPaths::uvicorn;
    }
    if (regex.equals(SYSLOG) && "syslog".equals(timestampKind)) {
      return FastPaths::syslog;
    }
    return null;
  }

  /** The hand-written reader of an extractor's regex with these groups, or null. */
  static Extractor extractor(String regex, List<String> groups) {
    if (regex.equals(UVICORN_ACCESS) && groups.equals(List.of("client", "clientport", "method", "path", "status"))) {
      return FastPaths::uvicornAccess;
    }
    return null;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean upper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  /** {@code \s} of java.util.regex (without UNICODE_CHARACTER_CLASS): [ \t\n\x0B\f\r]. */
  private static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** What {@code .} does not match (no DOTALL): the line terminators of java.util.regex. */
  private static boolean lineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** " - " at {@code i}. */
  private static boolean dash(String s, int i, int n) {
    return i + 3 <= n && s.charAt(i) == ' ' && s.charAt(i + 1) == '-' && s.charAt(i + 2) == ' ';
  }

  /** Digits at {@code from} .. {@code from + len}. */
  /**
   * {@code \\d{4}-\\d{2}-\\d{2}.\\d{2}:\\d{2}:\\d{2}} at the start of {@code s} (19 characters, which the
   * caller has checked are there), the character between date and time left to the caller.
   */
  private static boolean dateAndTime(String s) {
    return digits(s, 0, 4) && s.charAt(4) == '-' && digits(s, 5, 2) && s.charAt(7) == '-' && digits(s, 8, 2)
        && digits(s, 11, 2) && s.charAt(13) == ':' && digits(s, 14, 2) && s.charAt(16) == ':' && digits(s, 17, 2);
  }

  private static boolean digits(String s, int from, int len) {
    for (int i = from; i < from + len; i++) {
      if (!digit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code ^TIME - (?P<logger>.+?) - (?P<level>[A-Z]+) - } where TIME is
   * {@code \d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[,.]\d{1,6})?}.
   *
   * <p>Why one pass is the regex's answer: the fraction, when there is one, must be followed by
   * " - " (a space), so only the longest run of digits after the comma can succeed, and only if
   * it has 1 to 6 digits (fewer digits are followed by a digit; dropping the fraction leaves the
   * comma where the space must be). The lazy logger tries its ends left to right and takes the
   * first at which " - LEVEL - " follows; LEVEL's greedy run must be followed by a space, so
   * only its longest run can succeed. The logger's characters must not be line terminators.
   */
  static Format.Head pythonLogging(String s, Format.Scanner sc) {
    int n = s.length();
    if (n < 26) {
      return null; // 19 for the time, " - x - A - " for the rest
    }
    if (!dateAndTime(s) || (s.charAt(10) != ' ' && s.charAt(10) != 'T')) {
      return null;
    }
    int i = 19;
    char c = s.charAt(i);
    if (c == ',' || c == '.') {
      i = fractionEnd(s, i, 6);
      if (i < 0) {
        return null;
      }
    }
    int timeEnd = i;
    if (!dash(s, i, n)) {
      return null;
    }
    int loggerFrom = i + 3;
    for (int j = loggerFrom + 1; j + 7 <= n; j++) {
      if (lineTerminator(s.charAt(j - 1))) {
        return null;
      }
      if (!dash(s, j, n)) {
        continue;
      }
      int a = j + 3;
      int b = a;
      while (b < n && upper(s.charAt(b))) {
        b++;
      }
      if (b > a && dash(s, b, n)) {
        long time = sc.timestamps().parse(s, 0, timeEnd);
        return new Format.Head(time, level(s, a, b), sc.logger(s, loggerFrom, j), s.substring(b + 3), Map.of(), true);
      }
    }
    return null;
  }

  /**
   * Where the digits after the separator at {@code sep} end, when there are one to {@code max}
   * of them (a fraction of a second); -1 otherwise.
   */
  private static int fractionEnd(String s, int sep, int max) {
    int j = sep + 1;
    while (j < s.length() && digit(s.charAt(j))) {
      j++;
    }
    int k = j - sep - 1;
    return k < 1 || k > max ? -1 : j;
  }

  /** {@code [\\w.-]} without UNICODE_CHARACTER_CLASS. */
  private static boolean hostChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
  }

  /** {@code [\\w.@/-]}. */
  private static boolean loggerChar(char c) {
    return hostChar(c) || c == '@' || c == '/';
  }

  private static final String[] NOT_HOSTS = {"out ", "err ", "stdout ", "stderr "};
  private static final String[] LEVEL_WORDS = {"INFO", "ERROR", "WARNING", "WARN", "DEBUG", "CRITICAL", "TRACE", "FATAL"};
  /** The first chars of {@link #NOT_HOSTS} and of {@link #LEVEL_WORDS}: a word is looked for only after one. */
  private static final boolean[] NOT_HOST_STARTS = firstChars(NOT_HOSTS);
  private static final boolean[] LEVEL_WORD_STARTS = firstChars(LEVEL_WORDS);

  private static boolean[] firstChars(String[] words) {
    boolean[] starts = new boolean[128];
    for (String w : words) {
      starts[w.charAt(0)] = true;
    }
    return starts;
  }

  private static boolean startsOneOf(boolean[] starts, char c) {
    return c < starts.length && starts[c];
  }

  /**
   * Whether java.util.regex's {@code \\b} holds at {@code p} after a letter: at the end, or
   * where the next code point is no word character for it (a letter or digit by {@link
   * Character}, '_', or a non-spacing mark, which joins the letter before it).
   */
  private static boolean boundaryAfterLetter(String s, int p) {
    if (p >= s.length()) {
      return true;
    }
    int cp = s.codePointAt(p);
    return !(cp == '_' || Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK);
  }

  /**
   * {@link #SYSLOG}: {@code ^TIME (?!(?:out|err|stdout|stderr) )(?P<hostname>[\\w.-]+)
   * (?!(?:INFO|...|FATAL)\\b)(?P<logger>[\\w.@/-]+?)(?:\\[(?P<pid>\\d+)\\])?: } where TIME is
   * {@code \\p{L}{3} [ \\d]?\\d \\d{2}:\\d{2}:\\d{2}} (a month in any language's three letters) or
   * {@code \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})}.
   *
   * <p>Why one pass is the regex's answer: the two times differ in their first character. In the
   * first, {@code [ \\d]?\\d} then a space reads "DD " or " D " (two characters, the optional one
   * taken) or "D " (one): taking the optional character needs a digit where the one-character
   * day has its space, so at most one reading passes. In the second, a fraction needs the
   * longest run of digits (a shorter one is followed by a digit where the zone must be), of 1 to
   * 9; the zone's optional colon, taken, needs digits after it, and not taken, a digit where it
   * is. The host's greedy run must be followed by a space, which it cannot hold. The lazy logger
   * can only end where '[' or ':' follows, which it cannot hold either: at its longest run; then
   * "[digits]: " (the pid) or ": ".
   */
  static Format.Head syslog(String s, Format.Scanner sc) {
    int n = s.length();
    if (n < 1) {
      return null;
    }
    if (Timestamps.numberedMonthEnd(s) > 0) {
      // glibc's months of a number and a word (zh, ja, ko: "10月", " 3月", "10월"; vi: "Thg 10"):
      // rare enough to leave to the regex
      return UNSURE;
    }
    // every char this reading looks at lies before the message (the look-aheads' words end at
    // the host's or the logger's own end): a line that begins with the last one's prefix reads
    // as that one did, with its own message
    // (compared in place: a line whose prefix is new, as every line of microsecond stamps is, costs no copy)
    int p = sc.syslogPrefix;
    if (sc.syslogLine != null && s.regionMatches(0, sc.syslogLine, 0, p)) {
      Format.Head last = sc.syslogHead;
      return new Format.Head(last.time(), last.level(), last.logger(), s.substring(p), last.fields(), true);
    }
    Format.Head h = syslogRead(s, sc);
    if (h != null) {
      sc.syslogLine = s;
      sc.syslogPrefix = n - h.message().length();
      sc.syslogHead = h;
    }
    return h;
  }

  private static Format.Head syslogRead(String s, Format.Scanner sc) {
    int n = s.length();
    int i;
    char c0 = s.charAt(0);
    if (Character.isLetter(c0)) {
      if (n < 6 || !Character.isLetter(s.charAt(1)) || !Character.isLetter(s.charAt(2)) || s.charAt(3) != ' ') {
        return null;
      }
      char a = s.charAt(4);
      if ((a == ' ' || digit(a)) && digit(s.charAt(5)) && n > 6 && s.charAt(6) == ' ') {
        i = 6;
      } else if (digit(a) && s.charAt(5) == ' ') {
        i = 5;
      } else {
        return null;
      }
      if (i + 9 > n || !digits(s, i + 1, 2) || s.charAt(i + 3) != ':' || !digits(s, i + 4, 2) || s.charAt(i + 6) != ':'
          || !digits(s, i + 7, 2)) {
        return null;
      }
      i += 9;
      if (i < n && s.charAt(i) == '.') {
        // journalctl -o short-precise: one to six digits of the second (the regex's (?:\.\d{1,6})?)
        i = fractionEnd(s, i, 6);
        if (i < 0) {
          return null;
        }
      }
    } else if (digit(c0)) {
      if (n < 20 || !dateAndTime(s) || s.charAt(10) != 'T') {
        return null;
      }
      i = 19;
      char f = s.charAt(i);
      if (f == '.' || f == ',') {
        i = fractionEnd(s, i, 9);
        if (i < 0) {
          return null;
        }
      }
      if (i >= n) {
        return null;
      }
      char z = s.charAt(i);
      if (z == 'Z') {
        i++;
      } else if (z == '+' || z == '-') {
        if (i + 3 > n || !digits(s, i + 1, 2)) {
          return null;
        }
        int k = i + 3;
        if (k < n && s.charAt(k) == ':') {
          k++;
        }
        if (k + 2 > n || !digits(s, k, 2)) {
          return null;
        }
        i = k + 2;
      } else {
        return null;
      }
    } else {
      return null;
    }
    int timeEnd = i;
    if (i >= n || s.charAt(i) != ' ') {
      return null;
    }
    int hostFrom = i + 1;
    // the look-aheads' words, asked only where the first char is one of theirs
    if (hostFrom < n && startsOneOf(NOT_HOST_STARTS, s.charAt(hostFrom))) {
      for (String w : NOT_HOSTS) {
        if (s.startsWith(w, hostFrom)) {
          return null;
        }
      }
    }
    int h = hostFrom;
    while (h < n && hostChar(s.charAt(h))) {
      h++;
    }
    if (h == hostFrom || h >= n || s.charAt(h) != ' ') {
      return null;
    }
    int loggerFrom = h + 1;
    if (loggerFrom < n && startsOneOf(LEVEL_WORD_STARTS, s.charAt(loggerFrom))) {
      for (String w : LEVEL_WORDS) {
        if (s.startsWith(w, loggerFrom) && boundaryAfterLetter(s, loggerFrom + w.length())) {
          return null;
        }
      }
    }
    int r = loggerFrom;
    while (r < n && loggerChar(s.charAt(r))) {
      r++;
    }
    if (r == loggerFrom || r >= n) {
      return null;
    }
    int pidFrom = -1;
    int pidTo = -1;
    int end;
    if (s.charAt(r) == '[') {
      int d = r + 1;
      while (d < n && digit(s.charAt(d))) {
        d++;
      }
      if (d == r + 1 || d + 3 > n || s.charAt(d) != ']' || s.charAt(d + 1) != ':' || s.charAt(d + 2) != ' ') {
        return null;
      }
      pidFrom = r + 1;
      pidTo = d;
      end = d + 3;
    } else if (s.charAt(r) == ':' && r + 1 < n && s.charAt(r + 1) == ' ') {
      end = r + 2;
    } else {
      return null;
    }
    Map<String, String> fields = sc.hostPid(s, hostFrom, h, pidFrom, pidTo);
    long time = sc.timestamps().parse(s, 0, timeEnd);
    return new Format.Head(time, "", sc.logger(s, loggerFrom, r), s.substring(end), fields, true);
  }

  /**
   * {@code ^(?P<level>INFO|ERROR|WARNING|DEBUG|CRITICAL|TRACE):?\s+}: no level is a prefix of
   * another, so at most one alternative matches; the optional colon, taken, needs white space
   * after it, and not taken, white space where the colon is, which it is not; the greedy white
   * space ends the match at its longest run.
   */
  static Format.Head uvicorn(String s, Format.Scanner sc) {
    String level = s.startsWith("INFO") ? "INFO" : s.startsWith("ERROR") ? "ERROR" : s.startsWith("WARNING") ? "WARNING"
        : s.startsWith("DEBUG") ? "DEBUG" : s.startsWith("CRITICAL") ? "CRITICAL" : s.startsWith("TRACE") ? "TRACE" : null;
    if (level == null) {
      return null;
    }
    int n = s.length();
    int i = level.length();
    if (i < n && s.charAt(i) == ':') {
      i++;
    }
    int j = i;
    while (j < n && space(s.charAt(j))) {
      j++;
    }
    if (j == i) {
      return null;
    }
    return new Format.Head(Event.NO_TIME, level, "", s.substring(j), Map.of(), true);
  }

  /**
   * {@code ^(?P<client>\S+?):(?P<clientport>\d+) - "(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3})}.
   *
   * <p>The lazy client tries its ends left to right over non-space characters and takes the
   * first at which the rest matches. Each greedy run in the rest (port digits, method letters,
   * path, version) is followed by a character the run cannot hold (a space or a quote), so only
   * its longest run can succeed: the rest is one pass per client end.
   */
  static boolean uvicornAccess(String s, int[] g) {
    int n = s.length();
    for (int j = 1; j < n; j++) {
      if (space(s.charAt(j - 1))) {
        return false;
      }
      if (s.charAt(j) != ':') {
        continue;
      }
      int p = j + 1;
      int q = p;
      while (q < n && digit(s.charAt(q))) {
        q++;
      }
      if (q == p || !s.startsWith(" - \"", q)) {
        continue;
      }
      int m = q + 4;
      int m2 = m;
      while (m2 < n && upper(s.charAt(m2))) {
        m2++;
      }
      if (m2 == m || m2 >= n || s.charAt(m2) != ' ') {
        continue;
      }
      int path = m2 + 1;
      int path2 = path;
      while (path2 < n && !space(s.charAt(path2))) {
        path2++;
      }
      if (path2 == path || !s.startsWith(" HTTP/", path2)) {
        continue;
      }
      int v = path2 + 6;
      int v2 = v;
      while (v2 < n && (digit(s.charAt(v2)) || s.charAt(v2) == '.')) {
        v2++;
      }
      if (v2 == v || !s.startsWith("\" ", v2) || v2 + 5 > n || !digits(s, v2 + 2, 3)) {
        continue;
      }
      g[0] = 0;
      g[1] = j;
      g[2] = p;
      g[3] = q;
      g[4] = m;
      g[5] = m2;
      g[6] = path;
      g[7] = path2;
      g[8] = v2 + 2;
      g[9] = v2 + 5;
      return true;
    }
    return false;
  }

  /**
   * {@link #COMPOSE}, matched against the whole line: the Docker Desktop stamp's alternative
   * first (the regex's greedy {@code ?}), then the line from its start.
   */
  static Format.Head compose(String s, Format.Scanner sc) {
    if (s.length() >= 20 && dateAndTime(s) && s.charAt(10) == ' ' && s.charAt(19) == ' ') {
      Format.Head h = composeService(s, 20, sc);
      if (h != null) {
        return h;
      }
    }
    return composeService(s, 0, sc);
  }

  /**
   * The two alternatives of {@link #COMPOSE} from {@code p} to the line's end, the time read
   * before {@code p} when {@code p > 0}.
   *
   * <p>Why this is the regex's answer. The lazy service name {@code [A-Za-z0-9][\\w.-]{0,62}?}
   * is tried from one character up, and no character of it is white space. In the first
   * alternative the name is followed by {@code [-_]\\d{1,3}} and white space, or by two or more
   * white space characters, or (a compound name: {@link #compound}) by one, then {@code |}: so whatever the name's length, the white space is
   * the first run of it after {@code p}, taken whole (greedy, and a shorter run leaves white
   * space where {@code |} must be), and the bar is where that run ends. The digits likewise are
   * the whole run after {@code [-_]} or nothing (a shorter run leaves a digit where white space
   * must be, a run of four fails). So every length of the name that reaches the bar reaches the
   * same bar and the same message ({@code ?} then {@code .*}: the rest of the line, which must
   * hold no line terminator, since {@code .} crosses none and the match must reach the end); the
   * shortest such name is the match, and if its message fails, all fail. The second alternative
   * ({@code NAME([-_]DIGITS)? exited with code DIGITS}) is the whole rest of the line, the name
   * again the shortest that reaches the literal.
   */
  private static Format.Head composeService(String s, int p, Format.Scanner sc) {
    int n = s.length();
    if (p >= n || !alnum(s.charAt(p))) {
      return null;
    }
    int nameEnd = p + 1; // the end of the longest name: 63 characters of [\w.-] at most
    while (nameEnd < n && nameEnd - p < 63 && hostChar(s.charAt(nameEnd))) {
      nameEnd++;
    }
    for (int q = p + 1; q <= nameEnd; q++) {
      int ws = -1;
      int number = numberEnd(s, q);
      if (number >= 0) {
        ws = number < n && space(s.charAt(number)) ? number : -1;
      } else if (q + 1 < n && space(s.charAt(q)) && space(s.charAt(q + 1))) {
        ws = q;
      } else if (q < n && space(s.charAt(q)) && compound(s, p, q)) {
        ws = q;
      }
      if (ws < 0) {
        continue;
      }
      int bar = ws;
      while (bar < n && space(s.charAt(bar))) {
        bar++;
      }
      if (bar >= n || s.charAt(bar) != '|') {
        continue;
      }
      int m = bar + 1 < n && s.charAt(bar + 1) == ' ' ? bar + 2 : bar + 1;
      for (int i = m; i < n; i++) {
        if (lineTerminator(s.charAt(i))) {
          return composeExited(s, p, nameEnd, sc);
        }
      }
      String name = sc.logger(s, p, q);
      return new Format.Head(p > 0 ? sc.timestamps().parse(s, 0, 19) : Event.NO_TIME, "", name, s.substring(m),
          sc.container(name), true);
    }
    return composeExited(s, p, nameEnd, sc);
  }

  /** The second alternative of {@link #COMPOSE}: {@code NAME([-_]DIGITS)? exited with code DIGITS} to the end. */
  private static Format.Head composeExited(String s, int p, int nameEnd, Format.Scanner sc) {
    int n = s.length();
    for (int q = p + 1; q <= nameEnd; q++) {
      int number = numberEnd(s, q);
      int lit = number >= 0 ? number : q;
      if (!s.startsWith(EXITED, lit)) {
        lit = -1;
      }
      if (lit < 0) {
        continue;
      }
      int code = lit + EXITED.length();
      if (code < n && digitRun(s, code) == n - code) {
        return new Format.Head(p > 0 ? sc.timestamps().parse(s, 0, 19) : Event.NO_TIME, "", sc.logger(s, p, q),
            s.substring(p), Map.of(), true);
      }
    }
    return null;
  }

  private static final String EXITED = " exited with code ";

  /**
   * The lookbehind {@code (?<=[_.-][\\w.-]{0,61})} at {@code q}: one of {@code _.-} among the
   * 62 characters before it, with only {@code [\\w.-]} after it up to {@code q}. Every
   * character of the name from {@code p} is such a one, and the character before {@code p}
   * (a space after the stamp) is none, so it is: the name holds one of {@code _.-} within its
   * last 62 characters.
   */
  private static boolean compound(String s, int p, int q) {
    for (int i = q - 1; i >= p && i >= q - 62; i--) {
      char c = s.charAt(i);
      if (c == '_' || c == '.' || c == '-') {
        return true;
      }
    }
    return false;
  }

  /**
   * Where compose's container number ({@code [-_]\\d{1,3}}: the whole run of digits, since a
   * shorter one leaves a digit where white space or the literal must be) that starts at
   * {@code q} ends, or -1 when none starts there.
   */
  private static int numberEnd(String s, int q) {
    if (q >= s.length() || (s.charAt(q) != '-' && s.charAt(q) != '_')) {
      return -1;
    }
    int d = digitRun(s, q + 1);
    return d >= 1 && d <= 3 ? q + 1 + d : -1;
  }

  private static int digitRun(String s, int from) {
    int i = from;
    while (i < s.length() && digit(s.charAt(i))) {
      i++;
    }
    return i - from;
  }

  private static boolean alnum(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  /** The level's text, shared for the common ones. */
  private static String level(String s, int from, int to) {
    int n = to - from;
    for (String l : LEVELS) {
      if (l.length() == n && s.startsWith(l, from)) {
        return l;
      }
    }
    return s.substring(from, to);
  }

  private static final String[] LEVELS = {"INFO", "ERROR", "WARNING", "DEBUG", "CRITICAL"};
}
