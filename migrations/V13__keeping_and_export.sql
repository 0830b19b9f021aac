-- Keeping and forgetting: the ground rules say how long raw session content is kept. After it,
-- the server destroys what members wrote (board events, snapshots, votes, consent notes, journal
-- entries, experiments, themes never released); released themes and their replies remain.

ALTER TABLE ground_rules_version ADD COLUMN retention text NOT NULL DEFAULT '12-months'
  CHECK (retention IN ('3-months', '6-months', '12-months', '24-months', 'until-archived'));

-- A released theme whose cards were destroyed by the retention job keeps its release: its
-- contributors can no longer be counted, and counting nothing must not withdraw it.
ALTER TABLE theme ADD COLUMN raw_forgotten_at timestamptz;

-- The retention job sets circle.forgetting for its own transaction: removing a destroyed card's
-- events then recounts no theme (theme_recount would otherwise count nobody and withdraw it).
CREATE OR REPLACE FUNCTION theme_card_withdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t uuid;
BEGIN
  IF current_setting('circle.forgetting', true) = 'on' THEN
    RETURN NULL;
  END IF;
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

CREATE OR REPLACE FUNCTION theme_recount(t uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  c uuid;
  n int;
  released boolean;
BEGIN
  PERFORM theme_lock();
  SELECT community_id INTO c FROM theme WHERE id = t AND raw_forgotten_at IS NULL;
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
  PERFORM pg_notify('circle_themes', c::text || CASE WHEN released THEN ':released' ELSE ':room' END);
END $$;
