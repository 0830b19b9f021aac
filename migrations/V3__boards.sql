-- Live shared boards: the board itself, its append-only event log and a materialised snapshot.

CREATE TABLE board (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id  uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  -- The agenda segment the board serves (check-in, storytelling, ideas, ...) or 'free'.
  kind          text NOT NULL DEFAULT 'free' CHECK (char_length(kind) BETWEEN 1 AND 40),
  -- On an anonymous board the author of a card is stored but sent to nobody but that author.
  anonymous     boolean NOT NULL DEFAULT false,
  vote_budget   integer NOT NULL DEFAULT 5 CHECK (vote_budget BETWEEN 0 AND 50),
  created_by    uuid REFERENCES account (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX board_community ON board (community_id, created_at);

-- Every accepted operation, in the board's order. (board_id, seq) has no gaps: the room assigns
-- seq and a batch either commits whole or not at all. A client's retried operation hits the
-- unique key on (board_id, author_id, client_id, op_id) instead of being applied twice.
CREATE TABLE board_event (
  board_id    uuid NOT NULL REFERENCES board (id) ON DELETE CASCADE,
  seq         bigint NOT NULL CHECK (seq > 0),
  client_id   text NOT NULL,
  op_id       text NOT NULL,
  author_id   uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  op          jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (board_id, seq),
  UNIQUE (board_id, author_id, client_id, op_id)
);

-- The board's state after event seq, so loading a room replays only the events after it.
CREATE TABLE board_snapshot (
  board_id    uuid PRIMARY KEY REFERENCES board (id) ON DELETE CASCADE,
  seq         bigint NOT NULL,
  state       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
