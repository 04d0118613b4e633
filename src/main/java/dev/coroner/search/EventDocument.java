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
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

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
  private final LongPoint seq = new LongPoint(IndexSchema.SEQ, 0);
  private final NumericDocValuesField seqOrder = new NumericDocValuesField(IndexSchema.SEQ, 0);
  private final LongPoint time = new LongPoint(IndexSchema.TIME, 0);
  private final LongPoint earliest = new LongPoint(IndexSchema.EARLIEST, 0);
  private final LongPoint latest = new LongPoint(IndexSchema.LATEST, 0);
  private final LongPoint line = new LongPoint(IndexSchema.LINE, 0);
  private final LongPoint lastLine = new LongPoint(IndexSchema.LAST_LINE, 0);
  private final Field timeKind = keyword(IndexSchema.TIME_KIND);
  private final Field source = keyword(IndexSchema.SOURCE);
  private final Field file = keyword(IndexSchema.FILE);
  private final Field level = keyword(IndexSchema.LEVEL);
  private final Field logger = keyword(IndexSchema.LOGGER);
  private final Field format = keyword(IndexSchema.FORMAT);
  private final LogTokenStream messageTokens = new LogTokenStream();
  private final LogTokenStream textTokens = new LogTokenStream();
  private final Field message = new Field(IndexSchema.MESSAGE, messageTokens, TEXT_TYPE);
  private final Field text = new Field(IndexSchema.TEXT, textTokens, TEXT_TYPE);
  private final Field messageEnd = new Field(IndexSchema.MESSAGE_END, new EndMark(textTokens), END_TYPE);
  private final StoredField stored = new StoredField(IndexSchema.STORED, new BytesRef());
  /** Keyword fields by name for the signals and captured fields, which vary from event to event. */
  private final Map<String, List<Field>> extra = new HashMap<>();
  private final Map<String, Integer> used = new HashMap<>();

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

  private static Field keyword(String name) {
    return new StringField(name, "", Field.Store.NO);
  }

  /** The fields of {@code e} at position {@code seq}; valid until the next call. */
  List<IndexableField> fill(Event e, long at) {
    fields.clear();
    used.clear();
    seq.setLongValue(at);
    seqOrder.setLongValue(at);
    fields.add(seq);
    fields.add(seqOrder);
    if (e.hasTime()) {
      time.setLongValue(e.time());
      fields.add(time);
    }
    earliest.setLongValue(e.earliest());
    // An unknown upper bound is no bound: the event may have happened at any later time.
    latest.setLongValue(e.latest() == dev.coroner.format.Event.NO_TIME ? Long.MAX_VALUE : e.latest());
    fields.add(earliest);
    fields.add(latest);
    line.setLongValue(e.line());
    lastLine.setLongValue(e.lastLine());
    fields.add(line);
    fields.add(lastLine);
    set(timeKind, e.timeKind().id());
    set(source, e.source().id());
    set(file, e.file());
    set(level, e.level());
    set(logger, e.logger());
    set(format, e.format());
    for (String s : e.signals()) {
      extra(IndexSchema.SIGNAL, s);
    }
    for (Map.Entry<String, String> f : e.fields().entrySet()) {
      if (IndexSchema.ownField(f.getKey())) {
        extra(IndexSchema.capturedField(f.getKey()), f.getValue());
      } else {
        extra(IndexSchema.FIELDS, f.getKey() + "=" + f.getValue());
      }
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

  private void set(Field f, String value) {
    if (value.length() > IndexSchema.MAX_KEYWORD_CHARS) {
      value = value.substring(0, IndexSchema.MAX_KEYWORD_CHARS); // Lucene refuses a term over 32 KB
    }
    f.setStringValue(KeywordAnalyzer.fold(value));
    fields.add(f);
  }

  private void extra(String name, String value) {
    List<Field> pool = extra.computeIfAbsent(name, n -> new ArrayList<>(2));
    int i = used.merge(name, 1, Integer::sum) - 1;
    if (i == pool.size()) {
      pool.add(keyword(name));
    }
    set(pool.get(i), value);
  }
}
