package org.circle.protocol;

/** Why a well-formed operation was not applied; the client sees {@code reject.reason}. */
public enum Rejection {
  /** The caller's role does not allow this operation (a sponsor, or another person's card). */
  FORBIDDEN("forbidden"),
  /** The community is not in a phase where boards can be written (before sign-off, or archived). */
  READ_ONLY("read_only"),
  /** The facilitator has locked the board. */
  BOARD_LOCKED("board_locked"),
  /** No such card, group or comment. */
  NOT_FOUND("not_found"),
  /** It was deleted; a delete wins over any later or concurrent edit. */
  DELETED("deleted"),
  /** The id is already taken on this board. */
  DUPLICATE_ID("duplicate_id"),
  /** Someone else is typing in this card; their text is never overwritten under them. */
  BEING_EDITED("being_edited"),
  /** The board already holds as many cards, groups or comments as it may. */
  BOARD_FULL("board_full"),
  /** The caller has used every vote the board gives them. */
  VOTE_BUDGET("vote_budget"),
  /** The caller has no vote on this card to take back. */
  NO_VOTE("no_vote"),
  /** A reveal when nothing is hidden: silent writing is not on and every card is already shown. */
  NOTHING_HIDDEN("nothing_hidden"),
  /**
   * The operation could not be stored even on its own (the database refused its content); the
   * operations around it were applied. Sending it again will not help.
   */
  INVALID("invalid"),
  /**
   * The board could not be saved just now, or is too busy: the operation was not acknowledged.
   * Keep it and re-send it after reconnecting; one already applied is acknowledged, never applied twice.
   */
  UNAVAILABLE("unavailable");

  private final String wireName;

  Rejection(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
