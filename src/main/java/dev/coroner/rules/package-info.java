/**
 * Rules: the data files under {@code rules/} (formats, signals, diagnoses), found in the built-in
 * set and in a user's {@code --rules DIR}, read as YAML with errors that name file, line and
 * column. A user file replaces the built-in file of the same name.
 */
package dev.coroner.rules;
