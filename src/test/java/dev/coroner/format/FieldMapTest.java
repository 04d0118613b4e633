package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** FieldMap behaves as a LinkedHashMap filled the same way would (the reference), and is immutable. */
class FieldMapTest {

  @Property(tries = 1000)
  void builderAndCopyAgreeWithALinkedHashMap(@ForAll("puts") List<Tuple.Tuple2<String, String>> puts) {
    Map<String, String> want = new LinkedHashMap<>();
    FieldMap.Builder b = new FieldMap.Builder();
    b.put("stale", "from the record before");
    b.clear();
    for (Tuple.Tuple2<String, String> p : puts) {
      want.put(p.get1(), p.get2());
      b.put(p.get1(), p.get2());
    }
    FieldMap built = b.build();
    FieldMap copied = FieldMap.copyOf(want);
    for (FieldMap m : List.of(built, copied)) {
      assertThat(m).isEqualTo(want);
      assertThat(m.hashCode()).isEqualTo(want.hashCode());
      assertThat(new ArrayList<>(m.keySet())).isEqualTo(new ArrayList<>(want.keySet()));
      for (String k : List.of("a", "b", "path", "errno", "zz")) {
        assertThat(m.get(k)).isEqualTo(want.get(k));
        assertThat(m.containsKey(k)).isEqualTo(want.containsKey(k));
      }
    }
  }

  @Test
  void isImmutableAndRefusesNulls() {
    FieldMap m = FieldMap.copyOf(Map.of("port", "8000"));
    assertThatThrownBy(() -> m.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    Map<String, String> withNull = new LinkedHashMap<>();
    withNull.put("a", null);
    assertThatThrownBy(() -> FieldMap.copyOf(withNull)).isInstanceOf(NullPointerException.class);
    assertThat(m.get(null)).isNull();
  }

  @Provide
  Arbitrary<List<Tuple.Tuple2<String, String>>> puts() {
    Arbitrary<String> key = Arbitraries.of("a", "b", "path", "errno", "port", "host", "status", "k1", "k2", "k3", "k4", "k5");
    return net.jqwik.api.Combinators.combine(key, Arbitraries.strings().alpha().ofMaxLength(4)).as(Tuple::of).list().ofMaxSize(20);
  }
}
