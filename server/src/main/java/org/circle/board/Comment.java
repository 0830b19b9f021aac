package org.circle.board;

import java.util.UUID;

/** A comment on a card. */
public record Comment(String id, String card, String text, UUID authorId, String authorName) {}
