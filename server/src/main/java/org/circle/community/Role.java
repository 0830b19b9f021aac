package org.circle.community;

import org.circle.input.Schema;
import java.util.Arrays;
import java.util.Optional;

/** A person's role in one learning community; the same person may hold another role elsewhere. */
public enum Role {
  PARTICIPANT("participant"),
  FACILITATOR("facilitator"),
  SPONSOR("sponsor");

  /** A role as the API writes it. */
  public static final Schema.Text SCHEMA = Schema.oneOf(Arrays.stream(values()).map(Role::wireName).toArray(String[]::new));

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Role> parse(String value) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(value)).findFirst();
  }

  /** Sponsors never see what is said in the room: no raw cards, names or quotes. */
  public boolean seesRoomContent() {
    return this != SPONSOR;
  }
}
