package org.circle.retention;

import java.util.List;

/**
 * What the retention job destroys: every kind of raw content a community's members write, and
 * nothing else. This is the one list to extend when a new kind of raw content is added. Each
 * step runs in the job's transaction with {@code $1} the community and {@code $2} the cutoff (content
 * last changed before it goes); the boards come first ({@link #BOARDS}), as they need the room
 * engine told afterwards.
 *
 * <p>Kept whatever the retention: released themes and their replies ({@code released_theme},
 * {@code theme_reply}, and the {@code theme} row behind each release), the sponsor's openings,
 * the mandate and the ground rules with their consent rounds (who answered what stays; the notes
 * go), sessions and their agendas, boards' titles, and membership.
 */
final class RawContent {
  private RawContent() {}

  /** One kind of raw content and the statement that destroys it. */
  record Step(String what, String sql) {}

  /**
   * Boards with nothing written on them since the cutoff and something still on them: their
   * whole history (cards, comments, groups, votes) goes, and an empty snapshot takes its place
   * (see {@link Forgetting}). Returns each board with its last sequence number.
   */
  static final String BOARDS = """
      SELECT b.id, greatest(coalesce((SELECT max(e.seq) FROM board_event e WHERE e.board_id = b.id), 0),
                            coalesce((SELECT s.seq FROM board_snapshot s WHERE s.board_id = b.id), 0)) AS last_seq
      FROM board b
      WHERE b.community_id = $1
        AND NOT EXISTS (SELECT 1 FROM board_event e WHERE e.board_id = b.id AND e.created_at >= $2)
        AND NOT EXISTS (SELECT 1 FROM board_snapshot s WHERE s.board_id = b.id AND s.updated_at >= $2 AND s.state <> $3::text::jsonb)
        AND (EXISTS (SELECT 1 FROM board_event e WHERE e.board_id = b.id)
             OR EXISTS (SELECT 1 FROM board_snapshot s WHERE s.board_id = b.id AND s.state <> $3::text::jsonb))
      ORDER BY b.id
      FOR UPDATE OF b
      """;

  /** What goes with those boards ({@code $1} the boards, {@code $2} their last sequence numbers, {@code $3} the empty state). */
  static final List<Step> WITH_BOARDS = List.of(
      // A released theme whose cards go keeps its release: nothing is left to recount it from.
      new Step("released themes made from them stop being recounted", """
          UPDATE theme SET raw_forgotten_at = now()
          WHERE raw_forgotten_at IS NULL AND id IN (SELECT tc.theme_id FROM theme_card tc JOIN released_theme r
                                                      ON r.theme_id = tc.theme_id WHERE tc.board_id = ANY($1))
          """),
      new Step("which cards themes were made from", "DELETE FROM theme_card WHERE board_id = ANY($1)"),
      new Step("dot votes cast on them in sessions", """
          DELETE FROM session_dot_vote v USING session_segment s WHERE v.segment_id = s.id AND s.board_id = ANY($1)
          """),
      new Step("cards, comments, groups and votes: the boards' history", "DELETE FROM board_event WHERE board_id = ANY($1)"),
      // One past the last sequence number: a client that saw the old board resumes from a snapshot.
      new Step("the boards' snapshots, now empty", """
          INSERT INTO board_snapshot (board_id, seq, state)
          SELECT b, s + 1, $3::text::jsonb FROM unnest($1::uuid[], $2::bigint[]) AS t(b, s)
          ON CONFLICT (board_id) DO UPDATE SET seq = EXCLUDED.seq, state = EXCLUDED.state, updated_at = now()
          """));

  /** Everything else, by the community and the cutoff. */
  static final List<Step> OTHERS = List.of(
      new Step("notes given with consent answers on the mandate and ground rules", """
          UPDATE consent_round_answer a SET note = NULL FROM consent_round r
          WHERE a.round_id = r.id AND r.community_id = $1 AND a.note IS NOT NULL AND a.answered_at < $2
          """),
      new Step("notes given with consent answers on themes", """
          UPDATE theme_consent_answer a SET note = NULL FROM theme t
          WHERE a.theme_id = t.id AND t.community_id = $1 AND a.note IS NOT NULL AND a.answered_at < $2
          """),
      new Step("themes never released", """
          DELETE FROM theme t WHERE t.community_id = $1 AND t.updated_at < $2
            AND NOT EXISTS (SELECT 1 FROM released_theme r WHERE r.theme_id = t.id)
            AND NOT EXISTS (SELECT 1 FROM theme_release r WHERE r.theme_id = t.id)
          """),
      new Step("experiments: question, what to observe, what happened and what was learned, and their owners", """
          DELETE FROM experiment WHERE community_id = $1 AND coalesce(recorded_at, created_at) < $2
            AND greatest(ends_on, bring_back_on) < ($2::timestamptz AT TIME ZONE 'UTC')::date
          """),
      new Step("raised hands in ended sessions", """
          DELETE FROM session_hand h USING community_session s
          WHERE h.session_id = s.id AND s.community_id = $1 AND s.state = 'ended' AND s.ended_at < $2
          """),
      new Step("journal entries", "DELETE FROM journal_entry WHERE community_id = $1 AND updated_at < $2"),
      new Step("members' reviews of sessions", "DELETE FROM review_answer WHERE community_id = $1 AND updated_at < $2"),
      new Step("ideas from reviews turned into proposals (their words are on the agenda or in the rules by now)", """
          DELETE FROM review_proposal WHERE community_id = $1 AND created_at < $2
          """),
      // The figures of a pulse (how many chose each answer) are the group's, and anonymous: they stay
      // for the reflection charts; the words of its notes go.
      new Step("notes given with pulse and process-check answers", """
          UPDATE pulse_answer a SET note = NULL FROM pulse p
          WHERE a.pulse_id = p.id AND p.community_id = $1 AND a.note IS NOT NULL AND p.opened_at < $2
          """));
}
