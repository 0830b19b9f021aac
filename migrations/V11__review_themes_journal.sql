-- Phase 4: review, themes released by consent and k-anonymity, the sponsor's view, and a private
-- journal per member.

ALTER TABLE community DROP CONSTRAINT community_phase_check;
ALTER TABLE community ADD CONSTRAINT community_phase_check
  CHECK (phase IN ('sponsor', 'codesign', 'sessions', 'review', 'archived'));

-- A theme the group makes from cards, inside the room. Its text is what members consent to;
-- any edit ends the consent round (status back to draft). Only a release copies it out of the
-- room, into released_theme.
CREATE TABLE theme (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id  uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  summary       text NOT NULL CHECK (char_length(summary) BETWEEN 1 AND 4000),
  category      text NOT NULL CHECK (category IN ('practice_change', 'enabling_ask', 'structural_ask', 'share_with_peers')),
  -- draft: being written; consulting: a consent round on this exact text; agreed: consented;
  -- released: the sponsor sees it; withdrawn: taken back from the sponsor (by the group, or
  -- because a withdrawn card left it below the threshold).
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'consulting', 'agreed', 'released', 'withdrawn')),
  round         int NOT NULL DEFAULT 0,
  withdrawn_why text CHECK (withdrawn_why IN ('below_threshold', 'taken_back')),
  proposed_by   uuid REFERENCES account (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX theme_community ON theme (community_id, created_at);

-- The cards behind a theme: a card id is unique within its board.
CREATE TABLE theme_card (
  theme_id  uuid NOT NULL REFERENCES theme (id) ON DELETE CASCADE,
  board_id  uuid NOT NULL REFERENCES board (id) ON DELETE CASCADE,
  card_id   text NOT NULL,
  PRIMARY KEY (theme_id, board_id, card_id)
);
CREATE INDEX theme_card_card ON theme_card (board_id, card_id);

-- Answers in a theme's consent round; a new round (after an edit) starts with none.
CREATE TABLE theme_consent_answer (
  theme_id     uuid NOT NULL REFERENCES theme (id) ON DELETE CASCADE,
  round        int NOT NULL,
  account_id   uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  answer       text NOT NULL CHECK (answer IN ('agree', 'concern', 'object')),
  note         text,
  answered_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (theme_id, round, account_id)
);

-- Every release the sponsor has seen, with the people behind it then: a new release is compared
-- with each of them, so that no two differ by fewer than k people (no differencing).
CREATE TABLE theme_release (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- No cascade: a theme that was ever released cannot be deleted while its community exists.
  theme_id      uuid NOT NULL REFERENCES theme (id),
  community_id  uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  released_by   uuid REFERENCES account (id) ON DELETE SET NULL,
  released_at   timestamptz NOT NULL DEFAULT now(),
  contributors  uuid[] NOT NULL
);
CREATE INDEX theme_release_community ON theme_release (community_id);

-- The sponsor's store: only what may leave the room. The sponsor's database role reads this and
-- nothing behind it. A withdrawn theme keeps its row with every word cleared.
CREATE TABLE released_theme (
  theme_id      uuid PRIMARY KEY REFERENCES theme (id) ON DELETE CASCADE,
  community_id  uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  status        text NOT NULL CHECK (status IN ('released', 'withdrawn')),
  title         text,
  summary       text,
  category      text,
  -- Contributors as a band ('3-5', '6-10', '11+'), never an exact small count.
  band          text,
  released_at   timestamptz NOT NULL,
  withdrawn_at  timestamptz,
  CHECK (status = 'withdrawn' OR (title IS NOT NULL AND summary IS NOT NULL AND category IS NOT NULL AND band IS NOT NULL)),
  CHECK (status = 'released' OR (title IS NULL AND summary IS NULL AND category IS NULL AND band IS NULL))
);
CREATE INDEX released_theme_community ON released_theme (community_id);

-- The sponsor's answer to a theme: "you said, we did". The community reads it.
CREATE TABLE theme_reply (
  theme_id      uuid PRIMARY KEY REFERENCES released_theme (theme_id) ON DELETE CASCADE,
  community_id  uuid NOT NULL,
  text          text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 4000),
  replied_by    uuid NOT NULL,
  replied_at    timestamptz NOT NULL DEFAULT now()
);

-- Each time a sponsor opens a theme; members see these.
CREATE TABLE theme_access (
  id            bigserial PRIMARY KEY,
  theme_id      uuid NOT NULL REFERENCES released_theme (theme_id) ON DELETE CASCADE,
  community_id  uuid NOT NULL,
  account_id    uuid NOT NULL,
  opened_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX theme_access_theme ON theme_access (theme_id, opened_at);

-- What a sponsor may know of a community besides its released themes.
-- Sessions held: those that have ended.
CREATE VIEW sponsor_community AS
  SELECT c.id AS community_id, c.name, c.phase,
         (SELECT count(*) FROM community_session s WHERE s.community_id = c.id AND s.state = 'ended') AS sessions_held
  FROM community c;

-- A private journal: readable by its author alone.
CREATE TABLE journal_entry (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id  uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  author_id     uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  text          text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 20000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX journal_entry_author ON journal_entry (community_id, author_id, created_at);

-- k: the ratified ground rules' release threshold, 3 while none are ratified, never below 3.
CREATE FUNCTION community_release_threshold(c uuid) RETURNS int LANGUAGE sql STABLE AS $$
  SELECT greatest(3, coalesce(
    (SELECT release_threshold FROM ground_rules_version WHERE community_id = c AND status = 'ratified'), 3))
$$;

CREATE FUNCTION contributor_band(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN n >= 11 THEN '11+' WHEN n >= 6 THEN '6-10' ELSE '3-5' END
$$;

-- The distinct people behind a theme's cards that are still on their boards: the author of each
-- card's creation event, once per person, leaving out withdrawn cards and deleted accounts.
-- Both the release check and the withdrawal cascade count with this, so they always agree.
CREATE FUNCTION theme_contributors(t uuid) RETURNS TABLE (account_id uuid) LANGUAGE sql STABLE AS $$
  WITH refs AS (SELECT board_id, card_id FROM theme_card WHERE theme_id = t),
  events AS MATERIALIZED (
    SELECT e.board_id, e.op->>'card' AS card_id, e.op->>'kind' AS kind, e.author_id
    FROM board_event e
    WHERE e.board_id IN (SELECT board_id FROM refs) AND e.op->>'kind' IN ('card.create', 'card.delete'))
  SELECT DISTINCT c.author_id
  FROM refs r
  JOIN events c ON c.board_id = r.board_id AND c.card_id = r.card_id AND c.kind = 'card.create'
  JOIN account a ON a.id = c.author_id AND a.deleted_at IS NULL
  WHERE NOT EXISTS (SELECT 1 FROM events d WHERE d.board_id = r.board_id AND d.card_id = r.card_id AND d.kind = 'card.delete')
$$;

-- Releases and recounts take this one lock first, so they never deadlock with each other.
CREATE FUNCTION theme_lock() RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(4207316161)
$$;

-- Recounts a theme after one of its cards (or its author) was withdrawn. A released theme that
-- falls below k leaves the sponsor's view in the same transaction as the withdrawal, with every
-- word cleared; otherwise its band follows the count. Open pages hear of it by NOTIFY.
CREATE FUNCTION theme_recount(t uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  c uuid;
  n int;
  released boolean;
BEGIN
  PERFORM theme_lock();
  SELECT community_id INTO c FROM theme WHERE id = t;
  IF c IS NULL THEN RETURN; END IF;
  SELECT count(*) INTO n FROM theme_contributors(t);
  IF n < community_release_threshold(c) THEN
    UPDATE released_theme SET status = 'withdrawn', title = NULL, summary = NULL, category = NULL, band = NULL,
      withdrawn_at = now() WHERE theme_id = t AND status = 'released';
    released := FOUND;
    IF released THEN
      UPDATE theme SET status = 'withdrawn', withdrawn_why = 'below_threshold', updated_at = now() WHERE id = t;
    END IF;
  ELSE
    UPDATE released_theme SET band = contributor_band(n) WHERE theme_id = t AND status = 'released' AND band <> contributor_band(n);
    released := FOUND;
  END IF;
  -- 'released' when the sponsor's view changed; 'room' otherwise, so a sponsor's page hears
  -- nothing of what happens only in the room.
  PERFORM pg_notify('circle_themes', c::text || CASE WHEN released THEN ':released' ELSE ':room' END);
END $$;

CREATE FUNCTION theme_card_withdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR t IN SELECT theme_id FROM theme_card WHERE board_id = NEW.board_id AND card_id = NEW.op->>'card' ORDER BY theme_id LOOP
      PERFORM theme_recount(t);
    END LOOP;
  ELSE
    FOR t IN SELECT theme_id FROM theme_card WHERE board_id = OLD.board_id AND card_id = OLD.op->>'card' ORDER BY theme_id LOOP
      PERFORM theme_recount(t);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

-- Only card deletions (and the rare removal of a creation event) fire: the board's hot path pays
-- a single comparison per event.
CREATE TRIGGER board_event_recounts_themes AFTER INSERT ON board_event FOR EACH ROW
  WHEN (NEW.op->>'kind' = 'card.delete') EXECUTE FUNCTION theme_card_withdrawn();
CREATE TRIGGER board_event_removal_recounts_themes AFTER DELETE ON board_event FOR EACH ROW
  WHEN (OLD.op->>'kind' = 'card.create') EXECUTE FUNCTION theme_card_withdrawn();

-- A deleted account stops counting everywhere at once, even before its cards are withdrawn.
CREATE FUNCTION theme_author_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t uuid;
BEGIN
  FOR t IN SELECT DISTINCT tc.theme_id FROM theme_card tc
           JOIN board_event e ON e.board_id = tc.board_id AND e.op->>'card' = tc.card_id AND e.op->>'kind' = 'card.create'
           WHERE e.author_id = NEW.id ORDER BY tc.theme_id LOOP
    PERFORM theme_recount(t);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER account_deletion_recounts_themes AFTER UPDATE OF deleted_at ON account FOR EACH ROW
  WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL) EXECUTE FUNCTION theme_author_deleted();

-- Raising k applies at once to themes already released.
CREATE FUNCTION ground_rules_recount_themes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t uuid;
BEGIN
  FOR t IN SELECT theme_id FROM released_theme WHERE community_id = NEW.community_id AND status = 'released' ORDER BY theme_id LOOP
    PERFORM theme_recount(t);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER ratification_recounts_themes AFTER UPDATE OF status ON ground_rules_version FOR EACH ROW
  WHEN (NEW.status = 'ratified' AND OLD.status <> 'ratified') EXECUTE FUNCTION ground_rules_recount_themes();

-- A deleted account's journal goes with it: nobody else could ever read it.
CREATE FUNCTION journal_author_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM journal_entry WHERE author_id = NEW.id;
  RETURN NULL;
END $$;

CREATE TRIGGER account_deletion_erases_journal AFTER UPDATE OF deleted_at ON account FOR EACH ROW
  WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL) EXECUTE FUNCTION journal_author_deleted();
