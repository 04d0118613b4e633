package dev.coroner.search;

import dev.coroner.format.Event;

/**
 * One search result.
 *
 * @param event the event, as stored in the index
 * @param seq its position in the timeline
 * @param score its relevance (NaN when sorted by time)
 */
public record Hit(Event event, long seq, float score) {}
