/**
 * Timeline: merges the events of every log of a folder into one stream in time order (a k-way
 * merge of per-file streams, read in parallel through bounded queues). Events without a
 * timestamp get an inferred time and the interval it must lie in, from anchors: exact times in
 * the same file, access-log lines paired with the client's answered requests, and the file's
 * modification time for the tail. Two passes over the files: one to find anchors, one to emit.
 */
package dev.coroner.timeline;
