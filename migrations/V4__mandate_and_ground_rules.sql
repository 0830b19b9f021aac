-- Phase 1: the sponsor's mandate, versioned; every change after sign-off is a new version.
CREATE TABLE mandate_version (
  community_id      uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  version           int NOT NULL,
  purpose           text NOT NULL,
  question          text NOT NULL,
  constituency      text NOT NULL,
  expectations      text NOT NULL,
  time_commitment   text NOT NULL,
  learning_flow     text NOT NULL,
  safe_to_fail      text NOT NULL,
  not_performance   text NOT NULL,
  edited_by         uuid REFERENCES account (id) ON DELETE SET NULL,
  edited_at         timestamptz NOT NULL DEFAULT now(),
  signed_off_by     uuid REFERENCES account (id) ON DELETE SET NULL,
  signed_off_name   text,
  signed_off_at     timestamptz,
  PRIMARY KEY (community_id, version)
);

-- Phase 2: ground rules, versioned. One proposal at a time is open (draft or in a consent
-- round); ratified versions are kept; the newest ratified one is in force.
CREATE TABLE ground_rules_version (
  community_id      uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  version           int NOT NULL,
  status            text NOT NULL CHECK (status IN ('draft', 'consulting', 'ratified', 'superseded')),
  kind              text NOT NULL CHECK (kind IN ('initial', 'amendment')),
  rules             jsonb NOT NULL,
  card_names        text NOT NULL CHECK (card_names IN ('named', 'anonymous')),
  release_threshold int NOT NULL CHECK (release_threshold >= 3),
  safeguarding      text NOT NULL,
  raise_concern     text NOT NULL,
  cadence           text NOT NULL,
  agenda_template   text NOT NULL,
  proposed_by       uuid REFERENCES account (id) ON DELETE SET NULL,
  reason            text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  round             int NOT NULL DEFAULT 0,
  ratified_at       timestamptz,
  PRIMARY KEY (community_id, version)
);
CREATE UNIQUE INDEX ground_rules_one_open ON ground_rules_version (community_id)
  WHERE status IN ('draft', 'consulting');

-- Answers in a consent round. A new round (after the text is amended) starts with no answers.
CREATE TABLE consent_answer (
  community_id  uuid NOT NULL,
  version       int NOT NULL,
  round         int NOT NULL,
  account_id    uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  answer        text NOT NULL CHECK (answer IN ('agree', 'concern', 'object')),
  note          text,
  answered_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, version, round, account_id),
  FOREIGN KEY (community_id, version) REFERENCES ground_rules_version (community_id, version) ON DELETE CASCADE
);

-- A member's consent to a ratified version, given in its round or later (a member who joins
-- after ratification). No session content is sent to a member before this exists.
CREATE TABLE ground_rules_consent (
  community_id  uuid NOT NULL,
  version       int NOT NULL,
  account_id    uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  consented_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, version, account_id),
  FOREIGN KEY (community_id, version) REFERENCES ground_rules_version (community_id, version) ON DELETE CASCADE
);

-- Who else to invite, with the reason, decided by the group in co-design.
CREATE TABLE membership_proposal (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id  uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  name          text NOT NULL,
  email         text,
  role          text NOT NULL CHECK (role IN ('participant', 'facilitator', 'sponsor')),
  contribution  text NOT NULL,
  expertise     text NOT NULL,
  experience    text NOT NULL,
  proposed_by   uuid REFERENCES account (id) ON DELETE SET NULL,
  proposed_at   timestamptz NOT NULL DEFAULT now(),
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined')),
  decided_by    uuid REFERENCES account (id) ON DELETE SET NULL,
  decided_at    timestamptz,
  invitation_id uuid REFERENCES invitation (id) ON DELETE SET NULL
);
CREATE INDEX membership_proposal_community ON membership_proposal (community_id);
