-- People, their sign-in sessions, learning communities, memberships and invitations.

CREATE TABLE account (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email            text NOT NULL,
  display_name     text NOT NULL,
  password_hash    text NOT NULL,
  -- Runs the instance: creates facilitator accounts; sees configuration, never session content.
  is_admin         boolean NOT NULL DEFAULT false,
  -- May create (convene) learning communities; granted by an administrator.
  is_facilitator   boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  deleted_at       timestamptz
);
-- One live account per address; a deleted account's address is scrubbed, freeing it.
CREATE UNIQUE INDEX account_email_unique ON account (lower(email)) WHERE deleted_at IS NULL;

-- A signed-in browser. Only a hash of the cookie's token is stored, so a copy of this table
-- cannot be used to sign in.
CREATE TABLE auth_session (
  token_hash   bytea PRIMARY KEY,
  account_id   uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX auth_session_account ON auth_session (account_id);

-- Failed sign-ins, counted per account and per address to slow down guessing.
CREATE TABLE sign_in_failure (
  id         bigserial PRIMARY KEY,
  key        text NOT NULL,
  failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failure_key ON sign_in_failure (key, failed_at);

CREATE TABLE community (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  created_by  uuid REFERENCES account (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- sponsor -> codesign -> sessions; archived communities are read-only.
  phase       text NOT NULL DEFAULT 'sponsor' CHECK (phase IN ('sponsor', 'codesign', 'sessions', 'archived'))
);

CREATE TABLE membership (
  community_id uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  account_id   uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  role         text NOT NULL CHECK (role IN ('participant', 'facilitator', 'sponsor')),
  joined_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, account_id)
);
CREATE INDEX membership_account ON membership (account_id);

-- A single-use, expiring link that lets one person join a community with a role.
CREATE TABLE invitation (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  role         text NOT NULL CHECK (role IN ('participant', 'facilitator', 'sponsor')),
  email        text,
  token_hash   bytea NOT NULL UNIQUE,
  created_by   uuid REFERENCES account (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  accepted_at  timestamptz,
  accepted_by  uuid REFERENCES account (id) ON DELETE SET NULL,
  revoked_at   timestamptz
);
CREATE INDEX invitation_community ON invitation (community_id);

-- A single-use, expiring link that lets someone create their own account: the first
-- administrator (printed on the console at first start) or a facilitator an administrator added.
CREATE TABLE account_link (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  purpose      text NOT NULL CHECK (purpose IN ('first_admin', 'facilitator')),
  email        text,
  display_name text,
  token_hash   bytea NOT NULL UNIQUE,
  created_by   uuid REFERENCES account (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz
);
