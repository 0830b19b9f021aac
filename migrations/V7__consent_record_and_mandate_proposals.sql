-- Consent rounds, kept as the record of how the group agreed its rules: every round on every
-- proposal (ground rules, or a change to the mandate once co-design has begun), each answer with
-- its reason, and how the round ended. A round is open until it closes with an outcome.
CREATE TABLE consent_round (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id  uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  subject       text NOT NULL CHECK (subject IN ('ground_rules', 'mandate')),
  version       int NOT NULL,
  round         int NOT NULL CHECK (round > 0),
  -- Names are left out of the record when the ground rules in force at opening make cards anonymous.
  anonymous     boolean NOT NULL DEFAULT false,
  opened_at     timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz,
  -- consented: everyone in the room consented; amended: the text changed, a new round is needed;
  -- withdrawn: the proposal was dropped.
  outcome       text CHECK (outcome IN ('consented', 'amended', 'withdrawn')),
  -- How many people were in the room (participants and facilitators) when it closed.
  members       int,
  UNIQUE (community_id, subject, version, round),
  CHECK ((closed_at IS NULL) = (outcome IS NULL))
);
CREATE UNIQUE INDEX consent_round_one_open ON consent_round (community_id, subject) WHERE closed_at IS NULL;

CREATE TABLE consent_round_answer (
  round_id     uuid NOT NULL REFERENCES consent_round (id) ON DELETE CASCADE,
  account_id   uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  answer       text NOT NULL CHECK (answer IN ('agree', 'concern', 'object')),
  note         text,
  answered_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (round_id, account_id)
);

-- The ground-rules rounds run so far move into the record.
INSERT INTO consent_round (community_id, subject, version, round, opened_at, closed_at, outcome)
SELECT v.community_id, 'ground_rules', v.version, r.n,
       coalesce((SELECT min(a.answered_at) FROM consent_answer a
                 WHERE a.community_id = v.community_id AND a.version = v.version AND a.round = r.n), v.created_at),
       CASE WHEN r.n = v.round AND v.status = 'consulting' THEN NULL
            WHEN r.n = v.round AND v.status IN ('ratified', 'superseded') THEN coalesce(v.ratified_at, now())
            ELSE coalesce((SELECT max(a.answered_at) FROM consent_answer a
                           WHERE a.community_id = v.community_id AND a.version = v.version AND a.round = r.n), v.created_at) END,
       CASE WHEN r.n = v.round AND v.status = 'consulting' THEN NULL
            WHEN r.n = v.round AND v.status IN ('ratified', 'superseded') THEN 'consented'
            ELSE 'amended' END
FROM ground_rules_version v CROSS JOIN LATERAL generate_series(1, v.round) AS r(n)
WHERE v.round > 0;

INSERT INTO consent_round_answer (round_id, account_id, answer, note, answered_at)
SELECT cr.id, a.account_id, a.answer, a.note, a.answered_at
FROM consent_answer a JOIN consent_round cr
  ON cr.community_id = a.community_id AND cr.subject = 'ground_rules' AND cr.version = a.version AND cr.round = a.round;

DROP TABLE consent_answer;

-- Once co-design has begun the mandate belongs to the group too: a change is a proposal that the
-- sponsor signs, the facilitator agrees to, and the members consent to before it comes into force.
ALTER TABLE mandate_version
  ADD COLUMN needs_consent boolean NOT NULL DEFAULT false,
  ADD COLUMN agreed_by     uuid REFERENCES account (id) ON DELETE SET NULL,
  ADD COLUMN agreed_name   text,
  ADD COLUMN agreed_at     timestamptz,
  ADD COLUMN consented_at  timestamptz,
  ADD COLUMN withdrawn_at  timestamptz;

-- A facilitator's note on an invitation (whom it is for), so pending ones can be told apart.
ALTER TABLE invitation ADD COLUMN note text;

-- An administrator can withdraw a facilitator's set-up link that has not been used.
ALTER TABLE account_link ADD COLUMN withdrawn_at timestamptz;
