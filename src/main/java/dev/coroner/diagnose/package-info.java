/**
 * Diagnose: segments the timeline into incidents (episodes of trouble between stretches of
 * good service) and evaluates the classifiers of {@code rules/diagnoses/*.yaml} over each: temporal
 * conditions over signals (has, absent, sequence, within, at least n, differ) in a scope (before,
 * episode, after, window, all). The best-supported diagnosis of each incident wins; every rule's
 * outcome is kept for the report. State is bounded: per phase and signal, a count and a few events.
 */
package dev.coroner.diagnose;
