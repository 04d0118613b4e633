package dev.coroner.diagnose;

import dev.coroner.format.Event;

/**
 * A quoted line that supports a diagnosis.
 *
 * @param signal the signal it carries that made it evidence
 * @param event the event quoted
 * @param count how many occurrences of the signal this one stands for in the incident
 */
public record Evidence(String signal, Event event, long count) {}
