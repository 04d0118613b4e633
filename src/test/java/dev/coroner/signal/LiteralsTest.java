package dev.coroner.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LiteralsTest {

  @Test
  void findsOverlappingAndNestedLiterals() {
    Literals l = Literals.of(List.of("he", "she", "his", "hers", "Connection refused", "拒绝"));
    boolean[] p = l.newPresence();
    l.mark("ushers", p);
    // read by hand: "ushers" holds "she", "he" and "hers", not "his"
    assertThat(p).containsExactly(true, true, false, true, false, false);
    Literals.clear(p);
    l.mark("[WinError 10061] 由于目标计算机积极拒绝，无法连接。", p);
    assertThat(p).containsExactly(false, false, false, false, false, true);
  }

  @Property(tries = 2000)
  void marksExactlyTheLiteralsTheTextContains(@ForAll("literals") List<String> literals, @ForAll("texts") String text) {
    Literals l = Literals.of(literals);
    boolean[] p = l.newPresence();
    l.mark(text, p);
    for (int i = 0; i < literals.size(); i++) {
      assertThat(p[i]).as("'%s' in '%s'", literals.get(i), text).isEqualTo(text.contains(literals.get(i)));
    }
  }

  /** A small alphabet (ASCII and not) so that literals overlap and occur often. */
  private static Arbitrary<String> small(int min, int max) {
    return Arbitraries.strings().withChars('a', 'b', 'c', '(', 'é', '拒', '绝').ofMinLength(min).ofMaxLength(max);
  }

  @Provide
  Arbitrary<List<String>> literals() {
    return small(1, 5).list().ofMinSize(1).ofMaxSize(12).uniqueElements();
  }

  @Provide
  Arbitrary<String> texts() {
    return small(0, 40);
  }
}
