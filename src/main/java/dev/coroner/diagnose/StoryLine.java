package dev.coroner.diagnose;

import dev.coroner.format.Event;

/**
 * One line of "what happened, in order": an event, or a run of events with the same signal.
 *
 * @param event the first event of the run
 * @param signal the signal that names it
 * @param count how many events the run holds
 * @param until the time of the last event of the run
 * @param lastRef file:line of the last event of the run
 */
public record StoryLine(Event event, String signal, long count, long until, String lastRef) {}
