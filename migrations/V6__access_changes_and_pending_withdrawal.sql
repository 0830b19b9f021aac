-- Access that outlives its reason: every node LISTENs on 'circle_access' and, when told an
-- account's access may have changed, checks that person's open board sockets and live-change
-- streams again at once (account.AccessChanges). NOTIFY is sent when the transaction commits, so
-- whatever made the change (a route, a script, an operator) is heard, and only if it stood.
CREATE FUNCTION notify_access_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'account' THEN
    PERFORM pg_notify('circle_access', OLD.id::text);
  ELSE
    PERFORM pg_notify('circle_access', OLD.account_id::text);
  END IF;
  RETURN NULL;
END $$;

-- Signed out, or revoked by a password change or an account deletion.
CREATE TRIGGER session_revoked AFTER UPDATE OF revoked_at ON auth_session
  FOR EACH ROW WHEN (NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL)
  EXECUTE FUNCTION notify_access_change();
CREATE TRIGGER session_deleted AFTER DELETE ON auth_session
  FOR EACH ROW EXECUTE FUNCTION notify_access_change();

-- Removed from a community, left it, or given another role (a participant made sponsor).
CREATE TRIGGER membership_changed AFTER UPDATE OF role ON membership
  FOR EACH ROW WHEN (NEW.role IS DISTINCT FROM OLD.role)
  EXECUTE FUNCTION notify_access_change();
CREATE TRIGGER membership_removed AFTER DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION notify_access_change();

-- An account deleted (anonymised) or removed.
CREATE TRIGGER account_deleted AFTER UPDATE OF deleted_at ON account
  FOR EACH ROW WHEN (NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL)
  EXECUTE FUNCTION notify_access_change();

-- Withdrawing what a deleted person wrote takes several steps over several boards. The row is
-- written in the same transaction as the deletion and removed only when every step is done, so a
-- withdrawal cut short by a crash or a failure is finished at the next start (board.BoardWithdrawal).
CREATE TABLE pending_withdrawal (
  account_id    uuid PRIMARY KEY,
  requested_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION withdraw_deleted_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pending_withdrawal (account_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER account_deleted_withdraws AFTER UPDATE OF deleted_at ON account
  FOR EACH ROW WHEN (NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL)
  EXECUTE FUNCTION withdraw_deleted_account();

-- Accounts deleted before withdrawal covered group titles and edits of others' cards are
-- withdrawn again, completely.
INSERT INTO pending_withdrawal (account_id) SELECT id FROM account WHERE deleted_at IS NOT NULL;
