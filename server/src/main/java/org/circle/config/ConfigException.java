package org.circle.config;

/** A setting that cannot be used, with a message saying what to change. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
