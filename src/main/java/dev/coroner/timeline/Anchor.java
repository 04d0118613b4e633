package dev.coroner.timeline;

/**
 * What is known of when the record at {@code ordinal} of a file without timestamps happened.
 *
 * @param ordinal the record's position in its file
 * @param earliest epoch ms it cannot be before, or Long.MIN_VALUE
 * @param latest epoch ms it cannot be after, or Long.MAX_VALUE
 * @param estimate the best single time
 * @param why what the anchor is, for the report (e.g. "paired with client line 12")
 */
record Anchor(long ordinal, long earliest, long latest, long estimate, String why) {}
