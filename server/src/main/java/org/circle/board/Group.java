package org.circle.board;

/** A titled cluster of cards. */
public record Group(String id, String title, String position) {}
