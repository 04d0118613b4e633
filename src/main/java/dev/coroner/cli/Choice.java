package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.launch.LaunchRequest.PortBusyPolicy;
import dev.coroner.launch.LaunchRequest.RestartPolicy;
import dev.coroner.search.SearchOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The options whose value is one of a closed set, as enums. A constant is spelled as its name in
 * lower case with {@code -} for {@code _} ({@code KILL_STALE} is {@code kill-stale}); picocli
 * converts the word while it parses (a bad one fails before any work) and offers the spellings to
 * completion ({@code toString()} of each enum returns its spelling). A bad word gets the one-line
 * error the option always had, as users' scripts match it: {@link CoronerCommand} prints a
 * {@link Bad} as it is, with the {@code (see '... --help')} hint only where it always had one.
 */
final class Choice {
  private Choice() {}

  /** The word on the command line for a constant. */
  static String spelling(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A value outside the set: the message is the whole error line (after {@code coroner: }). */
  static final class Bad extends TypeConversionException {
    private static final long serialVersionUID = 1L;
    private final boolean seeHelp;

    Bad(String message, boolean seeHelp) {
      super(message);
      this.seeHelp = seeHelp;
    }

    /** Whether the line ends with the {@code (see 'coroner X --help')} hint. */
    boolean seeHelp() {
      return seeHelp;
    }
  }

  /** Registers the converter of every choice on {@code cl} and the subcommands it has now. */
  static void register(CommandLine cl) {
    cl.registerConverter(ColorWhen.class, exact(ColorWhen.class, "--color"));
    cl.registerConverter(ReportFormat.class, exact(ReportFormat.class, "--format"));
    cl.registerConverter(TimelineFormat.class, exact(TimelineFormat.class, "--format"));
    cl.registerConverter(HitFormat.class, exact(HitFormat.class, "--format"));
    // search's order has always been forgiving: any case, blanks around
    cl.registerConverter(SearchOrder.class, word -> {
      try {
        return SearchOrder.of(word);
      } catch (IllegalArgumentException e) {
        throw new Bad(e.getMessage(), false);
      }
    });
    cl.registerConverter(PortBusyPolicy.class, anyCase(PortBusyPolicy.class, "--if-port-busy"));
    cl.registerConverter(RestartPolicy.class, anyCase(RestartPolicy.class, "--restart"));
  }

  /** Exactly the spelling; else "OPTION must be a, b or c, not 'WORD'". */
  static <E extends Enum<E>> ITypeConverter<E> exact(Class<E> type, String option) {
    return converter(type, Function.identity(), word -> new Bad(mustBe(type, option, word), false));
  }

  /** {@code word} as {@link #exact} reads it, outside picocli (the shell); a usage error (exit 2) otherwise. */
  static <E extends Enum<E>> E parse(Class<E> type, String option, String word) {
    for (E e : type.getEnumConstants()) {
      if (spelling(e).equals(word)) {
        return e;
      }
    }
    throw CoronerException.usage(mustBe(type, option, word));
  }

  private static <E extends Enum<E>> String mustBe(Class<E> type, String option, String word) {
    return option + " must be " + either(type) + ", not '" + word + "'";
  }

  /** The spelling in any case; else "OPTION: 'WORD' is not one of a, b, c" and the help hint. */
  static <E extends Enum<E>> ITypeConverter<E> anyCase(Class<E> type, String option) {
    return converter(type, word -> word.toLowerCase(Locale.ROOT),
        word -> new Bad(option + ": '" + word + "' is not one of " + String.join(", ", spellings(type)), true));
  }

  private static <E extends Enum<E>> ITypeConverter<E> converter(Class<E> type, Function<String, String> fold,
      Function<String, Bad> bad) {
    return word -> {
      String folded = fold.apply(word);
      for (E e : type.getEnumConstants()) {
        if (spelling(e).equals(folded)) {
          return e;
        }
      }
      throw bad.apply(word);
    };
  }

  /** The spellings, in declaration order. */
  static <E extends Enum<E>> List<String> spellings(Class<E> type) {
    List<String> out = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      out.add(spelling(e));
    }
    return out;
  }

  /** "a or b", "a, b or c". */
  private static <E extends Enum<E>> String either(Class<E> type) {
    List<String> s = spellings(type);
    return s.size() == 1 ? s.get(0) : String.join(", ", s.subList(0, s.size() - 1)) + " or " + s.get(s.size() - 1);
  }
}
