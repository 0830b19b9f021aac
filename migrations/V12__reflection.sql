-- Reflection: pulses in action (during a session), a review on action after each session, and
-- process checks now and then. Everything here stays in the room: the sponsor's database role is
-- granted none of it.

-- A question a facilitator opens: a pulse during a session ('safety' 1 to 5, 'zone' comfort /
-- learning / panic), or a process check of the whole community ('process' 1 to 5, no session).
CREATE TABLE pulse (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id  uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  session_id    uuid REFERENCES community_session (id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('safety', 'zone', 'process')),
  question      text NOT NULL CHECK (char_length(question) BETWEEN 1 AND 300),
  opened_by     uuid REFERENCES account (id) ON DELETE SET NULL,
  opened_at     timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz,
  CHECK ((kind = 'process') = (session_id IS NULL))
);
CREATE INDEX pulse_community ON pulse (community_id, opened_at);
CREATE INDEX pulse_session ON pulse (session_id, opened_at);
-- At most one open pulse per session, and one open process check per community.
CREATE UNIQUE INDEX pulse_one_open_per_session ON pulse (session_id) WHERE closed_at IS NULL AND session_id IS NOT NULL;
CREATE UNIQUE INDEX pulse_one_open_check ON pulse (community_id) WHERE closed_at IS NULL AND session_id IS NULL;

-- Who has answered, only so nobody answers twice. Never joined to the answers.
CREATE TABLE pulse_respondent (
  pulse_id    uuid NOT NULL REFERENCES pulse (id) ON DELETE CASCADE,
  account_id  uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  PRIMARY KEY (pulse_id, account_id)
);

-- The answers, with nothing that links one to the person who gave it: no account, no time, a
-- random id (so neither order nor time matches an answer to a respondent).
CREATE TABLE pulse_answer (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  pulse_id  uuid NOT NULL REFERENCES pulse (id) ON DELETE CASCADE,
  value     text NOT NULL CHECK (value IN ('1', '2', '3', '4', '5', 'comfort', 'learning', 'panic')),
  note      text CHECK (char_length(note) BETWEEN 1 AND 1000)
);
CREATE INDEX pulse_answer_pulse ON pulse_answer (pulse_id);

-- The review of an ended session: which prompts it asks (chosen by a facilitator).
CREATE TABLE session_review (
  session_id    uuid PRIMARY KEY REFERENCES community_session (id) ON DELETE CASCADE,
  community_id  uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  template      text NOT NULL CHECK (template IN ('well-better-ideas', 'four-fs', 'head-heart-hands')),
  chosen_by     uuid REFERENCES account (id) ON DELETE SET NULL,
  chosen_at     timestamptz NOT NULL DEFAULT now()
);

-- One member's answers to a session's review, prompt by prompt; the author alone edits them.
CREATE TABLE review_answer (
  session_id    uuid NOT NULL REFERENCES community_session (id) ON DELETE CASCADE,
  community_id  uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  author_id     uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  answers       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, author_id)
);

-- An idea from a review a facilitator turned into a proposal: a segment for the next session's
-- agenda ('added' to a planned session, or 'pending' until one is scheduled), or a ground-rules
-- amendment draft ('drafted', with the draft's version).
CREATE TABLE review_proposal (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id         uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  session_id           uuid NOT NULL REFERENCES community_session (id) ON DELETE CASCADE,
  kind                 text NOT NULL CHECK (kind IN ('agenda', 'ground-rules')),
  text                 text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
  template             text,
  status               text NOT NULL CHECK (status IN ('pending', 'added', 'drafted')),
  target_session_id    uuid REFERENCES community_session (id) ON DELETE SET NULL,
  ground_rules_version int,
  proposed_by          uuid REFERENCES account (id) ON DELETE SET NULL,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_proposal_session ON review_proposal (session_id, created_at);
CREATE INDEX review_proposal_pending ON review_proposal (community_id) WHERE status = 'pending';

-- A deleted account's review answers go with it.
CREATE FUNCTION review_author_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM review_answer WHERE author_id = NEW.id;
  UPDATE review_proposal SET proposed_by = NULL WHERE proposed_by = NEW.id;
  RETURN NULL;
END $$;

CREATE TRIGGER account_deletion_erases_reviews AFTER UPDATE OF deleted_at ON account FOR EACH ROW
  WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL) EXECUTE FUNCTION review_author_deleted();
