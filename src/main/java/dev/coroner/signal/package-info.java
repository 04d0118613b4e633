/**
 * Signals: named facts lifted from events ({@code client.connection-refused},
 * {@code server.startup-complete}, ...), defined as data in {@code rules/signals/*.yaml} with the
 * fields they capture and samples that must and must not match. Matching uses cheap literal
 * checks before any pattern: every literal of every
 * {@code contains} test is found in one scan of the record ({@code Literals}).
 */
package dev.coroner.signal;
