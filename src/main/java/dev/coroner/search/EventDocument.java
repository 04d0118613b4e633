package dev.coroner.search;

import dev.coroner.format.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.InvertableType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * The fields of one event's document ({@link IndexSchema} describes them), refilled for each
 * event: Lucene consumes a document's fields before {@code addDocument} returns, so one set of
 * field objects serves a whole build. Indexed but not stored, except the one {@link EventCodec}
 * value a hit is read back from; {@code seq} also has doc values, the sort key. Not thread-safe:
 * one per indexing thread.
 */
final class EventDocument {
  private final EventCodec codec = new EventCodec();
  private final List<IndexableField> fields = new ArrayList<>(32);
  private final LongValue seq = new LongValue(IndexSchema.SEQ);
  private final SeqOrder seqOrder = new SeqOrder();
  private final LongValue time = new LongValue(IndexSchema.TIME);
  private final LongValue earliest = new LongValue(IndexSchema.EARLIEST);
  private final LongValue latest = new LongValue(IndexSchema.LATEST);
  private final LongValue line = new LongValue(IndexSchema.LINE);
  private final LongValue lastLine = new LongValue(IndexSchema.LAST_LINE);
  private final Keyword timeKind = new Keyword(IndexSchema.TIME_KIND);
  private final Keyword source = new Keyword(IndexSchema.SOURCE);
  private final Keyword file = new Keyword(IndexSchema.FILE);
  private final Keyword level = new Keyword(IndexSchema.LEVEL);
  private final Keyword logger = new Keyword(IndexSchema.LOGGER);
  private final Keyword format = new Keyword(IndexSchema.FORMAT);
  private final LogTokenStream messageTokens = new LogTokenStream();
  private final LogTokenStream textTokens = new LogTokenStream();
  private final Field message = new Field(IndexSchema.MESSAGE, messageTokens, TEXT_TYPE);
  private final Field text = new Field(IndexSchema.TEXT, textTokens, TEXT_TYPE);
  private final Field messageEnd = new Field(IndexSchema.MESSAGE_END, new EndMark(textTokens), END_TYPE);
  private final StoredField stored = new StoredField(IndexSchema.STORED, new BytesRef());
  /** The signals' keyword fields. */
  private final Pool signals = new Pool(IndexSchema.SIGNAL);
  /** Where each captured field's name goes (its own field, or a key of {@link IndexSchema#FIELDS}), by name. */
  private final Map<String, Pool> captured = new HashMap<>();
  private final Pool keyed = new Pool(IndexSchema.FIELDS);
  /** Counts the documents filled, so that a pool knows when its fields of the last one are free again. */
  private int generation;

  /** The message-end mark: one position, no norms. */
  private static final FieldType END_TYPE = new FieldType();
  /**
   * The analysed fields: positions, no norms (a score does without the length of the line; norms
   * cost the indexer about a sixth of its time, and only {@code --sort score} uses scores).
   */
  private static final FieldType TEXT_TYPE = new FieldType(TextField.TYPE_NOT_STORED);

  static {
    TEXT_TYPE.setOmitNorms(true);
    TEXT_TYPE.freeze();
    END_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    END_TYPE.setTokenized(true);
    END_TYPE.setOmitNorms(true);
    END_TYPE.freeze();
  }

  /** The fields of {@code e} at position {@code seq}; valid until the next call. */
  List<IndexableField> fill(Event e, long at) {
    fields.clear();
    generation++;
    seq.set(at);
    seqOrder.value.v = at;
    fields.add(seq);
    fields.add(seqOrder);
    if (e.hasTime()) {
      time.set(e.time());
      fields.add(time);
    }
    // An unknown upper bound is no bound: the event may have happened at any later time.
    long upTo = e.latest() == dev.coroner.format.Event.NO_TIME ? Long.MAX_VALUE : e.latest();
    if (IndexSchema.ownInterval(e.time(), e.earliest(), upTo)) { // else both are the time's
      earliest.set(e.earliest());
      latest.set(upTo);
      fields.add(earliest);
      fields.add(latest);
    }
    line.set(e.line());
    fields.add(line);
    if (e.lastLine() != e.line()) { // else the line's
      lastLine.set(e.lastLine());
      fields.add(lastLine);
    }
    set(timeKind, e.timeKind().id());
    set(source, e.source().id());
    set(file, e.file());
    set(level, e.level());
    set(logger, e.logger());
    set(format, e.format());
    for (String s : e.signals()) {
      set(signals.next(generation), s);
    }
    for (Map.Entry<String, String> f : e.fields().entrySet()) {
      Pool pool = captured.get(f.getKey());
      if (pool == null) { // remembered for the known names only: keys without a field are unbounded
        pool = IndexSchema.ownField(f.getKey()) ? new Pool(IndexSchema.capturedField(f.getKey())) : keyed;
        if (pool != keyed) {
          captured.put(f.getKey(), pool);
        }
      }
      set(pool.next(generation), pool == keyed ? f.getKey() + "=" + f.getValue() : f.getValue());
    }
    String m = e.message();
    String t = e.text();
    int start = m.isEmpty() ? -1 : locate(t, m);
    int before = start < 0 ? 0 : LogTokenStream.count(t, 0, start, IndexSchema.MESSAGE_BAND);
    int end;
    if (start >= 0 && before <= IndexSchema.MESSAGE_BAND) {
      end = start + m.length();
      textTokens.setBanded(t, end, before);
    } else {
      end = 0; // an empty band: every token of text is after it
      textTokens.setBanded(t, 0, 0);
      if (!m.isEmpty()) {
        messageTokens.setValue(m);
        fields.add(message);
      }
    }
    fields.add(text);
    if (LogTokenStream.count(t, end, t.length(), 0) > 0) {
      fields.add(messageEnd); // after text: Lucene inverts a document's fields in order
    }
    stored.setBytesValue(codec.encode(e, at));
    fields.add(stored);
    return fields;
  }

  /**
   * Where {@code text} holds {@code message} between token boundaries (so that its tokens there
   * are the message's own tokens), or -1.
   */
  static int locate(String text, String message) {
    int from = 0;
    for (int tries = 0; tries < 4; tries++) {
      int i = text.indexOf(message, from);
      if (i < 0) {
        return -1;
      }
      if (boundary(text, i) && boundary(text, i + message.length())) {
        return i;
      }
      from = i + 1;
    }
    return -1;
  }

  /** Whether no token of {@code s} runs across char {@code i} (nor a surrogate pair). */
  private static boolean boundary(String s, int i) {
    if (i == 0 || i == s.length()) {
      return true;
    }
    if (Character.isHighSurrogate(s.charAt(i - 1)) && Character.isLowSurrogate(s.charAt(i))) {
      return false;
    }
    return !LogTokenStream.isTokenChar(s.codePointBefore(i)) || !LogTokenStream.isTokenChar(s.codePointAt(i));
  }

  /**
   * The one token of {@link IndexSchema#MESSAGE_END}, at the position of the first token of
   * {@code text} after the message band; read after {@code text} has been inverted.
   */
  private static final class EndMark extends TokenStream {
    private final LogTokenStream text;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private boolean done;

    EndMark(LogTokenStream text) {
      this.text = text;
    }

    @Override
    public void reset() throws java.io.IOException {
      super.reset();
      done = false;
    }

    @Override
    public boolean incrementToken() {
      clearAttributes();
      int at = text.firstAfterMessage();
      if (done || at < 0) {
        return false;
      }
      done = true;
      term.setEmpty().append(IndexSchema.MESSAGE_END_TERM);
      increment.setPositionIncrement(at + 1);
      return true;
    }
  }

  private void set(Keyword k, String value) {
    k.set(value);
    fields.add(k);
  }

  /**
   * A keyword field, indexed as one term like {@link StringField}'s, that keeps the last value it
   * was given and its UTF-8 bytes: most fields repeat the last event's value, which then costs
   * neither folding nor encoding again.
   */
  private static final class Keyword extends Field {
    private String raw;
    private BytesRef bytes = new BytesRef();

    Keyword(String name) {
      super(name, StringField.TYPE_NOT_STORED);
      fieldsData = "";
    }

    void set(String value) {
      if (value == raw || value.equals(raw)) {
        return;
      }
      raw = value;
      if (value.length() > IndexSchema.MAX_KEYWORD_CHARS) {
        value = value.substring(0, IndexSchema.MAX_KEYWORD_CHARS); // Lucene refuses a term over 32 KB
      }
      String folded = KeywordAnalyzer.fold(value);
      fieldsData = folded;
      bytes = new BytesRef(folded);
    }

    @Override
    public InvertableType invertableType() {
      return InvertableType.BINARY; // one term, not a token stream
    }

    @Override
    public BytesRef binaryValue() {
      return bytes;
    }
  }

  /** The keyword fields of one name that an event may have several of (signals, captured fields). */
  private static final class Pool {
    private final String name;
    private final List<Keyword> fields = new ArrayList<>(2);
    private int used;
    private int generation;

    Pool(String name) {
      this.name = name;
    }

    /** A field of this name not yet used by the document of {@code generation}. */
    Keyword next(int generation) {
      if (this.generation != generation) {
        this.generation = generation;
        used = 0;
      }
      if (used == fields.size()) {
        fields.add(new Keyword(name));
      }
      return fields.get(used++);
    }
  }

  /**
   * A long point of one dimension whose eight bytes are rewritten in place: the same point as
   * {@link org.apache.lucene.document.LongPoint}'s, which packs a new array for every value (the
   * indexer copies a point's bytes when the field is added).
   */
  private static final class LongValue extends Field {
    private static final FieldType TYPE = new FieldType();

    static {
      TYPE.setDimensions(1, Long.BYTES);
      TYPE.freeze();
    }

    private final byte[] bytes = new byte[Long.BYTES];

    LongValue(String name) {
      super(name, TYPE);
      fieldsData = new BytesRef(bytes);
    }

    void set(long v) {
      NumericUtils.longToSortableBytes(v, bytes, 0);
    }
  }

  /** {@code seq}'s doc values, the sort key, with a value set in place instead of a boxed long per event. */
  private static final class SeqOrder extends Field {
    private final MutableLong value = new MutableLong();

    SeqOrder() {
      super(IndexSchema.SEQ, NumericDocValuesField.TYPE);
      fieldsData = value;
    }
  }

  /** A long that can be set again; only read by the indexer through {@link Number#longValue()}. */
  private static final class MutableLong extends Number {
    private long v;

    @Override
    public long longValue() {
      return v;
    }

    @Override
    public int intValue() {
      return (int) v;
    }

    @Override
    public float floatValue() {
      return v;
    }

    @Override
    public double doubleValue() {
      return v;
    }
  }
}
