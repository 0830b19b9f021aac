package org.circle.board;

import java.util.UUID;

/** A titled cluster of cards. {@code titleBy} is who wrote its current title (null when not known). */
public record Group(String id, String title, String position, UUID titleBy) {}
