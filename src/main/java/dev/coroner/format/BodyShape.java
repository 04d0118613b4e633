package dev.coroner.format;

/**
 * A one-line body known but for one field's value: {@link #prefix}, that value, {@link #suffix}.
 * An access line read from a remembered one ({@link Format.Scanner#likeRemembered}) is the
 * remembered line's text with its own client port in the gap, so the fields it is given carry
 * the remembered line's shape ({@link FieldMap#shape}): records of one shape have bodies equal
 * but for the gap and fields equal but for the field at {@link #index}. Annotating reads that
 * ({@code Signals}) to give every access line of a shape its masked body without making it.
 *
 * @param prefix the body's text before the gap
 * @param suffix the body's text after the gap
 * @param index where the gap's field is in the fields
 */
public record BodyShape(String prefix, String suffix, int index) {
  /** Whether {@code body} can be of this shape: its length is that of the prefix, {@code value} and the suffix. */
  public boolean fits(String body, String value) {
    return body.length() == prefix.length() + value.length() + suffix.length();
  }
}
