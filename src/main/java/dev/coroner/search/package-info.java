/**
 * Full-text and field search over the merged timeline, with Apache Lucene. {@link
 * dev.coroner.search.IndexSchema} is the one description of a document (fields, types, analysers)
 * that the {@link dev.coroner.search.Indexer} writes and {@link dev.coroner.search.EventIndex}
 * reads; {@link dev.coroner.search.IndexStore} keeps indexes in a cache directory keyed by the
 * folder's content (never in the evidence folder) and rebuilds one only when an input changed.
 * Queries are Lucene syntax, read by {@link dev.coroner.search.EventQueryParser}, which also
 * understands readable time bounds.
 */
package dev.coroner.search;
