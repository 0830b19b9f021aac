package org.circle.config;

import java.util.Map;
import java.util.Optional;

/** An SMTP server for invitation emails; without one, links are shown in the page to copy. */
public record SmtpSettings(String host, int port, String username, String password, String from, String startTls) {

  static Optional<SmtpSettings> fromEnvironment(Map<String, String> env) {
    String host = env.get("CIRCLE_SMTP_HOST");
    if (host == null || host.isBlank()) return Optional.empty();
    String from = env.get("CIRCLE_SMTP_FROM");
    if (from == null || !from.contains("@")) {
      throw new ConfigException("CIRCLE_SMTP_FROM must be the sender's email address when CIRCLE_SMTP_HOST is set.");
    }
    String startTls = env.getOrDefault("CIRCLE_SMTP_STARTTLS", "required").toLowerCase();
    if (!startTls.equals("required") && !startTls.equals("optional") && !startTls.equals("disabled")) {
      throw new ConfigException("CIRCLE_SMTP_STARTTLS must be required, optional or disabled (found '" + startTls + "').");
    }
    return Optional.of(new SmtpSettings(host.trim(), Config.parsePort("CIRCLE_SMTP_PORT", env.getOrDefault("CIRCLE_SMTP_PORT", "587")),
        env.get("CIRCLE_SMTP_USERNAME"), env.get("CIRCLE_SMTP_PASSWORD"), from.trim(), startTls));
  }

  @Override
  public String toString() {
    return "SmtpSettings[" + host + ":" + port + "]";
  }
}
