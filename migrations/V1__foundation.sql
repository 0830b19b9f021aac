-- Facts about this installation that outlive a restart (for example when it was first set up).
CREATE TABLE instance_setting (
  name       text PRIMARY KEY,
  value      text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO instance_setting (name, value) VALUES ('created_at', now()::text);
