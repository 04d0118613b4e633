package dev.coroner.fleet;

/**
 * What to read back from a cluster.
 *
 * @param index an index name or pattern ({@code coroner-*}, {@code filebeat-*})
 * @param host only this {@code host.name}, or null for every host
 * @param since only documents at or after this time (epoch ms), or {@link Long#MIN_VALUE}
 * @param until only documents at or before this time (epoch ms), or {@link Long#MAX_VALUE}
 */
public record FleetQuery(String index, String host, long since, long until) {
  public FleetQuery {
    if (index == null || index.isBlank() || index.contains("/") || index.contains("?") || index.contains("#")) {
      throw dev.coroner.CoronerException.usage("--index '" + index + "': give an index name or pattern such as coroner-events or filebeat-*");
    }
  }

  public FleetQuery withHost(String h) {
    return new FleetQuery(index, h, since, until);
  }

  /** The bool filter of this query, as JSON, with the resolved names of host.name. */
  String filter(String hostField) {
    StringBuilder sb = new StringBuilder("{\"bool\":{\"filter\":[");
    boolean first = true;
    if (host != null) {
      sb.append("{\"term\":{\"").append(hostField).append("\":").append(quote(host)).append("}}");
      first = false;
    }
    if (since != Long.MIN_VALUE || until != Long.MAX_VALUE) {
      if (!first) {
        sb.append(',');
      }
      sb.append("{\"range\":{\"@timestamp\":{\"format\":\"epoch_millis\"");
      if (since != Long.MIN_VALUE) {
        sb.append(",\"gte\":").append(since);
      }
      if (until != Long.MAX_VALUE) {
        sb.append(",\"lte\":").append(until);
      }
      sb.append("}}}");
    }
    return sb.append("]}}").toString();
  }

  static String quote(String s) {
    try {
      return Json.MAPPER.writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
