-- Every board event checked its board and author with a foreign key: a lookup and a row lock on
-- the board and the account per inserted row, the largest part of PostgreSQL's work under load
-- after the commit itself (docs/benchmarks.md). A room writes events only for a board it loaded
-- and for signed-in authors, and accounts are never deleted (they are anonymised), so the checks
-- go; the cascades they carried stay, as triggers on the parent rows.
ALTER TABLE board_event DROP CONSTRAINT board_event_board_id_fkey;
ALTER TABLE board_event DROP CONSTRAINT board_event_author_id_fkey;

CREATE FUNCTION board_event_follow_board() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM board_event WHERE board_id = OLD.id;
  RETURN OLD;
END $$;

CREATE TRIGGER board_event_follows_board AFTER DELETE ON board
  FOR EACH ROW EXECUTE FUNCTION board_event_follow_board();

CREATE FUNCTION board_event_follow_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM board_event WHERE author_id = OLD.id;
  RETURN OLD;
END $$;

CREATE TRIGGER board_event_follows_author AFTER DELETE ON account
  FOR EACH ROW EXECUTE FUNCTION board_event_follow_author();
