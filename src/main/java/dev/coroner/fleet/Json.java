package dev.coroner.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the fleet package. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
