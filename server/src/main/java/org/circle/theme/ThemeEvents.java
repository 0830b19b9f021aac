package org.circle.theme;

/** The kinds of community event themes raise (see {@code community.CommunityEvents}). */
public final class ThemeEvents {
  /** Something changed among the room's themes: members' pages re-read. */
  public static final String ROOM = "themes";
  /** The sponsor's view changed (a release, a withdrawal, a reply): the sponsor's page re-reads. */
  public static final String RELEASED = "released";

  private ThemeEvents() {}
}
