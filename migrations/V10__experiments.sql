-- Ideas become experiments: a question to try out, who owns it, when, what to observe and when to
-- bring it back. An open experiment whose bring-back date has come is on the agenda of every
-- session from then on until the group records what happened and what it learned.
CREATE TABLE experiment (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id   uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  -- The idea card it grew from: a reference, never a copy of what the card says.
  board_id       uuid REFERENCES board (id) ON DELETE SET NULL,
  card_id        text CHECK (card_id IS NULL OR char_length(card_id) BETWEEN 1 AND 64),
  question       text NOT NULL CHECK (char_length(question) BETWEEN 1 AND 500),
  owners         uuid[] NOT NULL,
  starts_on      date NOT NULL,
  ends_on        date NOT NULL,
  observe        text NOT NULL CHECK (char_length(observe) BETWEEN 1 AND 2000),
  bring_back_on  date NOT NULL,
  created_by     uuid REFERENCES account (id) ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  happened       text,
  learned        text,
  recorded_at    timestamptz,
  CHECK (ends_on >= starts_on),
  CHECK (bring_back_on >= starts_on)
);
CREATE INDEX experiment_community ON experiment (community_id, bring_back_on);

INSERT INTO segment_template (key, name, prompt, minutes, board_kind, aliases, in_default, sort_order) VALUES
  ('bring-back', 'Experiments coming back',
   'Our experiments are back. What happened, what did we notice, and what do we learn from it?',
   15, 'bring-back', ARRAY['bring back', 'bring-back', 'experiments coming back', 'review experiments'], false, 6);
UPDATE segment_template SET sort_order = 8 WHERE key = 'close';
UPDATE segment_template SET sort_order = 7 WHERE key = 'get-together';
