/**
 * Signals: named facts lifted from events ({@code client.connection-refused},
 * {@code server.startup-complete}, ...), defined as data in {@code rules/signals/*.yaml} with the
 * fields they capture and samples that must and must not match. Matching uses cheap literal
 * checks before any RE2 pattern.
 */
package dev.coroner.signal;
