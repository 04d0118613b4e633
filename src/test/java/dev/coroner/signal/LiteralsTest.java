package dev.coroner.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * The folded automaton with its Presence (as Signals uses them): a case-insensitive literal is
   * found in any case, a case-sensitive one only in its own, both from one scan; checked against
   * String.contains on the text and on its lower-case form. The alphabet holds the letters at
   * both ends of A-Z and a-z, their neighbours, and the Kelvin sign (whose lower case is ASCII k).
   */
  @Property(tries = 2000)
  void presenceAnswersBothKindsOfLiteral(@ForAll("mixed") List<String> literals, @ForAll("mixedTexts") String text) {
    Map<String, Integer> foldedIds = new LinkedHashMap<>();
    int[] toFolded = new int[literals.size()];
    for (int i = 0; i < literals.size(); i++) {
      toFolded[i] = foldedIds.computeIfAbsent(lower(literals.get(i)), k -> foldedIds.size());
    }
    Literals.Presence p = new Literals.Presence(literals, Literals.of(List.copyOf(foldedIds.keySet()), true), toFolded);
    p.reset(text);
    for (int i = 0; i < literals.size(); i++) {
      String lit = literals.get(i);
      assertThat(p.has(i)).as("'%s' in '%s'", lit, text).isEqualTo(text.contains(lit));
      assertThat(p.hasFolded(toFolded[i])).as("'%s' in any case in '%s'", lit, text).isEqualTo(lower(text).contains(lower(lit)));
    }
  }

  private static String lower(String s) {
    StringBuilder sb = new StringBuilder();
    s.chars().forEach(c -> sb.append(Character.toLowerCase((char) c)));
    return sb.toString();
  }

  @Provide
  Arbitrary<List<String>> mixed() {
    return Arbitraries.strings().withChars('a', 'B', 'b', 'A', 'é', 'É', 'k', 'K', '\u212A', 'z', 'Z', '@', '[', '`', '{').ofMinLength(1).ofMaxLength(3).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> mixedTexts() {
    return Arbitraries.strings().withChars('a', 'B', 'b', 'A', 'é', 'É', ' ', 'k', 'K', '\u212A', 'z', 'Z', '@', '[', '`', '{').ofMinLength(0).ofMaxLength(20);
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
