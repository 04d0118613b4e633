package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.rules.RuleSet;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Format#mayHaveSide}: a logger name the format's {@code sourceByLogger} patterns cannot
 * find is known without them when every pattern is anchored at the name's start. The answers
 * below are read from the patterns of rules/formats/ by hand; the last test checks the shortcut
 * against the patterns themselves for every built-in format.
 */
class LoggerSideShortcutTest {
  private static final Formats FORMATS = Formats.load(RuleSet.load(Optional.empty()), ZoneOffset.UTC);

  private static Format format(String id) {
    return FORMATS.all().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void pythonLoggingsServerLoggersStartWithOneOfTheirFirstLetters() {
    // '^(uvicorn|gunicorn|hypercorn|daphne|_?granian|waitress|sanic|werkzeug|django\.server|...|starlette|fastapi)'
    Format f = format("python-logging");
    assertThat(f.mayHaveSide("kortana.db.pool661")).isFalse();
    assertThat(f.mayHaveSide("KortanaAutonomous")).isFalse();
    assertThat(f.mayHaveSide("Uvicorn")).isFalse(); // the pattern is case-sensitive
    assertThat(f.mayHaveSide("")).isFalse();
    assertThat(f.mayHaveSide("élan")).isFalse();
    assertThat(f.mayHaveSide("uvicorn.error")).isTrue();
    assertThat(f.sideOfLogger("uvicorn.error")).isEqualTo(Source.SERVER);
    assertThat(f.mayHaveSide("_granian")).isTrue();
    assertThat(f.sideOfLogger("_granian")).isEqualTo(Source.SERVER);
    // a first letter that fits, a name that does not: the pattern decides
    assertThat(f.mayHaveSide("urllib3.connectionpool")).isTrue();
    assertThat(f.sideOfLogger("urllib3.connectionpool")).isNull();
  }

  @Test
  void anUnanchoredPatternAsksEveryName() {
    // syslog: '(?i)(client|autonomous|consumer|poller)' and others, found anywhere in the service name
    Format f = format("syslog");
    assertThat(f.mayHaveSide("kortana-autonomous-client")).isTrue();
    assertThat(f.sideOfLogger("kortana-autonomous-client")).isEqualTo(Source.CLIENT);
    assertThat(f.mayHaveSide("zz")).isTrue();
  }

  @Test
  void aFormatWithoutLoggerPatternsGivesNoName() {
    Format f = format("uvicorn");
    assertThat(f.spec().sourceByLogger()).isEmpty();
    assertThat(f.mayHaveSide("uvicorn.error")).isFalse();
    assertThat(f.sideOfLogger("uvicorn.error")).isNull();
  }

  @Test
  void wheneverTheShortcutSaysNoThePatternsFindNothing() {
    List<String> names = new ArrayList<>(List.of("", " ", "-", "_", "__main__", "root", "app", "api", "API", "web", "server",
        "client", "Client", "autonomous-client", "awakening", "launcher", "supervisord", "Uvicorn", "UVICORN.ERROR",
        "apiserver", "APIServer", "EngineCore", "enginecore_0", "app[4d89440be57587]", "proxy[4d89440be57587]",
        "heroku[web.1]", "uwsgi-emperor", "procd", "python3", "PM2", "pm2", "kortana.db.pool661", "élan", "ßerver",
        "\u0130stanbul"));
    for (String w : List.of("uvicorn", "gunicorn", "hypercorn", "daphne", "granian", "_granian", "waitress", "sanic",
        "werkzeug", "django.server", "tornado.access", "aiohttp.access", "aiohttp.client", "starlette", "fastapi")) {
      names.add(w);
      names.add(w + ".error");
      names.add(w.toUpperCase(java.util.Locale.ROOT));
      names.add("my." + w);
      names.add(" " + w);
    }
    for (char c = 0; c < 200; c++) {
      names.add(c + "vicorn");
      names.add(String.valueOf(c));
    }
    int refused = 0;
    for (Format f : FORMATS.all()) {
      for (String n : names) {
        if (!f.mayHaveSide(n)) {
          refused++;
          assertThat(f.sideOfLogger(n)).as("%s: %s", f.id(), n).isNull();
        }
      }
    }
    assertThat(refused).isGreaterThan(0);
  }
}
