-- Phase 3: facilitated sessions. A session has an agenda of segments made from templates; each
-- segment has its own board. The live facilitation state (current segment, timer, lead
-- facilitator, spotlight, hand-raise queue, dot votes) is stored here, so a restart in the middle
-- of a session resumes it exactly.

-- The kinds of segment an agenda is made of. Data, not code: add a row to offer a new kind.
-- `aliases` are the words that name it in the ground rules' agenda (matched case-insensitively).
CREATE TABLE segment_template (
  key         text PRIMARY KEY CHECK (key ~ '^[a-z][a-z-]{0,39}$'),
  name        text NOT NULL,
  prompt      text NOT NULL,
  minutes     int NOT NULL CHECK (minutes BETWEEN 1 AND 240),
  board_kind  text NOT NULL CHECK (char_length(board_kind) BETWEEN 1 AND 40),
  aliases     text[] NOT NULL,
  -- In the default agenda when the ground rules name none of the templates.
  in_default  boolean NOT NULL DEFAULT false,
  sort_order  int NOT NULL
);

INSERT INTO segment_template (key, name, prompt, minutes, board_kind, aliases, in_default, sort_order) VALUES
  ('check-in', 'Check-in',
   'How are you arriving today? Put a card where you are: comfort zone, learning zone or panic zone, and a word on why.',
   10, 'check-in', ARRAY['check-in', 'check in', 'checkin', 'pulse', 'temperature', 'learning zone', 'arrival'], true, 1),
  ('storytelling', 'Storytelling',
   'Tell the story of a moment in your work that stayed with you. What happened, and what did you notice?',
   20, 'storytelling', ARRAY['storytelling', 'story', 'stories'], true, 2),
  ('practice', 'Description of practice',
   'Describe how you actually handled a piece of work: the steps, the judgements, what you weighed up.',
   20, 'practice', ARRAY['description of practice', 'practice'], false, 3),
  ('uncertainties', 'Uncertainties and doubts',
   'Where were you unsure? Write the doubts and questions you carry about this work. There are no wrong answers.',
   15, 'uncertainties', ARRAY['uncertainties', 'uncertainty', 'doubts', 'doubt', 'questions'], true, 4),
  ('ideas', 'Ideas and experiments',
   'What could we try? Write ideas; the group picks some to turn into small experiments we bring back next time.',
   20, 'ideas', ARRAY['ideas', 'idea', 'experiments', 'experiment'], true, 5),
  ('get-together', 'Learning get together',
   'Something went wrong. No blame, but accountability: what happened, what did we each see, and what do we learn from it?',
   30, 'get-together', ARRAY['learning get together', 'get together', 'get-together', 'went wrong', 'no blame'], false, 6),
  ('close', 'Close',
   'Before we go: one thing you take away, and how you are leaving.',
   10, 'close', ARRAY['close', 'closing', 'check-out', 'check out', 'checkout'], true, 7);

CREATE TABLE community_session (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id      uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  title             text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  starts_at         timestamptz NOT NULL,
  duration_minutes  int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  -- The group's own call (Teams, Zoom, Jitsi): Circle carries no video. https only.
  call_link         text CHECK (call_link IS NULL OR (call_link LIKE 'https://%' AND char_length(call_link) <= 500)),
  state             text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'live', 'ended')),
  created_by        uuid REFERENCES account (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  started_at        timestamptz,
  ended_at          timestamptz,
  -- Live state. Every change takes this row's lock and adds one to version, so two facilitators
  -- pressing at once are applied one after the other and every client can tell newer from older.
  version           bigint NOT NULL DEFAULT 1,
  lead_id           uuid REFERENCES account (id) ON DELETE SET NULL,
  current_segment   uuid,
  -- The shared timer, on the server's clock (milliseconds since the epoch).
  timer_state       text NOT NULL DEFAULT 'idle' CHECK (timer_state IN ('idle', 'running', 'paused')),
  timer_ends_at     bigint,
  timer_remaining   bigint,
  timer_duration    bigint,
  speaker_id        uuid REFERENCES account (id) ON DELETE SET NULL,
  spotlight_card    text
);
CREATE INDEX community_session_community ON community_session (community_id, starts_at);
-- One live session per community: the one its community page leads to.
CREATE UNIQUE INDEX community_session_one_live ON community_session (community_id) WHERE state = 'live';

CREATE TABLE session_segment (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id  uuid NOT NULL REFERENCES community_session (id) ON DELETE CASCADE,
  position    int NOT NULL,
  template    text NOT NULL REFERENCES segment_template (key),
  title       text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  prompt      text NOT NULL,
  minutes     int NOT NULL CHECK (minutes BETWEEN 1 AND 240),
  -- Each segment has its own live board; it outlives the session (and a removed segment).
  board_id    uuid NOT NULL REFERENCES board (id),
  removed_at  timestamptz
);
CREATE INDEX session_segment_session ON session_segment (session_id, position);

ALTER TABLE community_session ADD CONSTRAINT community_session_current_segment
  FOREIGN KEY (current_segment) REFERENCES session_segment (id) ON DELETE SET NULL;

-- The hand-raise queue, in the order hands went up.
CREATE TABLE session_hand (
  session_id  uuid NOT NULL REFERENCES community_session (id) ON DELETE CASCADE,
  account_id  uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  raised_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (session_id, account_id)
);

-- Dot votes: while open, totals are shown to nobody and each person sees only their own dots.
CREATE TABLE session_dot_vote (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id  uuid NOT NULL REFERENCES community_session (id) ON DELETE CASCADE,
  segment_id  uuid NOT NULL REFERENCES session_segment (id) ON DELETE CASCADE,
  budget      int NOT NULL CHECK (budget BETWEEN 1 AND 20),
  opened_by   uuid REFERENCES account (id) ON DELETE SET NULL,
  opened_at   timestamptz NOT NULL DEFAULT now(),
  closed_at   timestamptz
);
CREATE UNIQUE INDEX session_dot_vote_one_open ON session_dot_vote (session_id) WHERE closed_at IS NULL;

CREATE TABLE session_dot (
  vote_id     uuid NOT NULL REFERENCES session_dot_vote (id) ON DELETE CASCADE,
  account_id  uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  card_id     text NOT NULL CHECK (char_length(card_id) BETWEEN 1 AND 64),
  dots        int NOT NULL CHECK (dots BETWEEN 1 AND 20),
  PRIMARY KEY (vote_id, account_id, card_id)
);
