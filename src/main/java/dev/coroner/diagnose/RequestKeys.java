package dev.coroner.diagnose;

import dev.coroner.format.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@code same} conditions of the rules compare, and the keys the engine keeps for them
 * while it streams the timeline. A {@code sequence} of two steps with {@code same: [path, method]}
 * asks for an occurrence of the second step after one of the first with those fields equal (the
 * same request); a tally keeps only a few occurrences of each signal, so the one that matches
 * could be lost among thousands of answers. For each list of compared fields the engine therefore
 * keeps, per signal and phase, the first and the last occurrence of each key (the fields' values,
 * {@link #keyFor}), at most {@link #MAX_KEYS} keys, and {@link #MAX_KEYED} in a run. A second-step occurrence is keyed only when a
 * first-step occurrence with the same first field came before it in the stream (the timeline's
 * order): an answer no give-up asked for cannot follow one, and an access log of a million lines
 * then costs a set lookup per line, or nothing when no give-up carried the field at all.
 */
final class RequestKeys {
  /** Distinct keys kept per signal, phase and field list; the first ones stay. */
  static final int MAX_KEYS = 64;
  /** Key entries a run may make in all its tallies together (each holds two events). */
  static final int MAX_KEYED = 4_096;
  /** Separates the fields' values in a key (no log field holds it). */
  static final char SEP = '\u0001';

  /** One list of compared fields: the signals of the first steps, those of the second, and what the first asked. */
  static final class Plan {
    final List<String> fields;
    final Set<String> first = new HashSet<>();
    final Set<String> second = new HashSet<>();
    /** First fields' values of the first-step occurrences seen so far in the stream (bounded). */
    final Set<String> asked = new HashSet<>();
    /**
     * The fields' values of the last occurrence given a key, whether its signal asked, and that
     * key: the next with equal values gets the same key without one being made (the values asked
     * only grow, so a key given once stays given).
     */
    private String[] lastValues;
    private boolean lastAsks;
    private String lastKey;
    /**
     * The shape of body of an occurrence whose values were the last key's ({@link
     * dev.coroner.format.FieldMap#shape}), when its varied field is none of the plan's: an
     * occurrence of the same shape has the same values (an access line read from a remembered
     * one differs in its client port alone). Null when unknown.
     */
    private dev.coroner.format.BodyShape lastShape;

    Plan(List<String> fields) {
      this.fields = List.copyOf(fields);
    }

    /** The key given last when {@code e}'s values of the fields are the ones it was made of; else null. */
    private String again(boolean asks, Event e) {
      if (lastKey == null || asks != lastAsks) {
        return null;
      }
      if (lastShape != null && e.fields() instanceof dev.coroner.format.FieldMap f && f.shape() == lastShape) {
        return lastKey;
      }
      for (int i = 0; i < lastValues.length; i++) {
        if (!lastValues[i].equals(e.field(fields.get(i)))) {
          return null;
        }
      }
      lastShape = shapeOf(e);
      return lastKey;
    }

    private String remember(boolean asks, Event e, String key) {
      if (key == null) {
        lastKey = null;
        return null;
      }
      String[] values = new String[fields.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = e.field(fields.get(i));
      }
      lastValues = values;
      lastAsks = asks;
      lastKey = key;
      lastShape = shapeOf(e);
      return key;
    }

    /** The shape of {@code e}'s body when its varied field is none of the plan's fields, else null. */
    private dev.coroner.format.BodyShape shapeOf(Event e) {
      return e.fields() instanceof dev.coroner.format.FieldMap f ? f.shapeApartFrom(fields) : null;
    }
  }

  private final Map<List<String>, Plan> byFields = new LinkedHashMap<>();
  /** Per signal, the plans it takes part in. */
  private final Map<String, List<Plan>> bySignal = new LinkedHashMap<>();

  private int budget = MAX_KEYED;

  /** Takes one key entry from the run's budget; false when it is spent. */
  boolean take() {
    if (budget <= 0) {
      return false;
    }
    budget--;
    return true;
  }

  /** Registers a comparison of {@code fields} between the occurrences of {@code first} and {@code second}. */
  void add(List<String> fields, List<String> first, List<String> second) {
    Plan p = byFields.computeIfAbsent(List.copyOf(fields), Plan::new);
    p.first.addAll(first);
    p.second.addAll(second);
    for (String s : first) {
      addPlan(s, p);
    }
    for (String s : second) {
      addPlan(s, p);
    }
  }

  private void addPlan(String signal, Plan p) {
    List<Plan> l = bySignal.computeIfAbsent(signal, k -> new ArrayList<>(1));
    if (!l.contains(p)) {
      l.add(p);
    }
  }

  boolean isEmpty() {
    return byFields.isEmpty();
  }

  /** Whether one of {@code names} takes part in a plan. */
  boolean anyOf(List<String> names) {
    for (String n : names) {
      if (bySignal.containsKey(n)) {
        return true;
      }
    }
    return false;
  }

  /** The plans of one signal, or null. */
  List<Plan> of(String signal) {
    return bySignal.get(signal);
  }

  /** A fresh copy for one run (the asked values are per run). */
  RequestKeys fresh() {
    RequestKeys out = new RequestKeys();
    for (Plan p : byFields.values()) {
      out.add(p.fields, List.copyOf(p.first), List.copyOf(p.second));
    }
    return out;
  }

  /**
   * The key of an occurrence for a plan, or null when it is not to be kept: it lacks the first
   * field, or it is a second step's that no first step asked for before. A first step's value is
   * remembered as asked.
   */
  static String keyFor(Plan p, String signal, Event e) {
    boolean asks = p.first.contains(signal);
    if (!asks && p.asked.isEmpty()) {
      return null; // an answer, and no give-up named a request yet: the common case, kept cheap
    }
    String again = p.again(asks, e);
    return again != null ? again : p.remember(asks, e, make(p, asks, e));
  }

  /** {@link #keyFor} for values not seen last: the key made, or null (then nothing is remembered). */
  private static String make(Plan p, boolean asks, Event e) {
    String head = target(e.field(p.fields.get(0)));
    if (head.isEmpty()) {
      return null;
    }
    if (asks) {
      if (p.asked.size() < MAX_KEYS) {
        p.asked.add(head);
      }
    } else if (!p.asked.contains(head)) {
      return null;
    }
    if (p.fields.size() == 1) {
      return head;
    }
    StringBuilder b = new StringBuilder(head);
    for (int i = 1; i < p.fields.size(); i++) {
      b.append(SEP).append(target(e.field(p.fields.get(i))));
    }
    return b.toString();
  }

  /**
   * A value as a request target: a full URL ({@code http://h:8000/x?q=1}) counts by its path
   * ({@code /x}), and a query string or fragment is left out, so a proxy's "Failed to proxy
   * http://127.0.0.1:5328/api/x" and the server's {@code "POST /api/x HTTP/1.1"} name one path.
   * Other values (a method, a port) are returned as they are.
   */
  static String target(String v) {
    if (v.isEmpty()) {
      return v;
    }
    int scheme = v.indexOf("://");
    String s = v;
    if (scheme > 0 && scheme < 12) {
      int slash = v.indexOf('/', scheme + 3);
      s = slash < 0 ? "/" : v.substring(slash);
    }
    if (s.charAt(0) != '/') {
      return s;
    }
    int q = s.indexOf('?');
    int h = s.indexOf('#');
    int end = q < 0 ? h : h < 0 ? q : Math.min(q, h);
    return end < 0 ? s : s.substring(0, end);
  }

  /**
   * Whether two keys name the same request: the first field equal, and every other field equal
   * where both carry it (a client's "url: /x" names no method; the server's access line does).
   */
  static boolean same(String a, String b) {
    if (a.indexOf(SEP) < 0 && b.indexOf(SEP) < 0) {
      return a.equals(b);
    }
    String[] x = a.split(String.valueOf(SEP), -1);
    String[] y = b.split(String.valueOf(SEP), -1);
    if (x.length != y.length || !x[0].equals(y[0])) {
      return false;
    }
    for (int i = 1; i < x.length; i++) {
      if (!x[i].isEmpty() && !y[i].isEmpty() && !x[i].equals(y[i])) {
        return false;
      }
    }
    return true;
  }

  /** A key as a reader writes the request: "POST /api/x" for [path, method], the path alone when one field. */
  static String describe(List<String> fields, String key) {
    String[] v = key.split(String.valueOf(SEP), -1);
    List<String> parts = new ArrayList<>();
    int method = fields.indexOf("method");
    if (method > 0 && method < v.length && !v[method].isEmpty()) {
      parts.add(v[method]);
    }
    parts.add(v[0]);
    for (int i = 1; i < v.length; i++) {
      if (i != method && !v[i].isEmpty()) {
        parts.add(fields.get(i) + "=" + v[i]);
      }
    }
    return String.join(" ", parts);
  }
}
