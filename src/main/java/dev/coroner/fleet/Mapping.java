package dev.coroner.fleet;

/** coroner's index template: the ECS fields of {@link Ecs} with their types (docs/ecs.md). */
final class Mapping {
  private Mapping() {}

  static final String PROPERTIES = """
      {
        "@timestamp": {"type": "date"},
        "message": {"type": "text"},
        "log": {"properties": {
          "level": {"type": "keyword"},
          "logger": {"type": "keyword"},
          "offset": {"type": "long"},
          "file": {"properties": {"path": {"type": "keyword"}, "line": {"type": "long"}}}}},
        "file": {"properties": {"mtime": {"type": "date"}}},
        "event": {"properties": {
          "original": {"type": "keyword", "index": false, "doc_values": false},
          "dataset": {"type": "keyword"},
          "kind": {"type": "keyword"}}},
        "service": {"properties": {"name": {"type": "keyword"}}},
        "host": {"properties": {"name": {"type": "keyword"}}},
        "process": {"properties": {"pid": {"type": "long"}}},
        "error": {"properties": {"type": {"type": "keyword"}}},
        "coroner": {"properties": {
          "ecs": {"type": "integer"},
          "source": {"type": "keyword"},
          "format": {"type": "keyword"},
          "lastLine": {"type": "long"},
          "emptyFile": {"type": "boolean"},
          "time": {"properties": {
            "kind": {"type": "keyword"},
            "earliest": {"type": "date"},
            "latest": {"type": "date"}}},
          "signal": {"type": "keyword"},
          "fields": {"type": "flat_object"}}}
      }""";

  /** The body of {@code PUT _index_template/coroner-ecs-INDEX}. */
  static String template(String index) {
    return "{\"index_patterns\": [\"" + index + "\"], \"priority\": 137, \"_meta\": {\"by\": \"coroner\", \"ecs\": "
        + Ecs.VERSION + "}, \"template\": {\"mappings\": {\"properties\": " + PROPERTIES + "}}}";
  }
}
