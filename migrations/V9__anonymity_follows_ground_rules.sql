-- When the members ratify anonymous cards, every board of their community is anonymous, the
-- co-design board and boards made before too, and no board is ever made less anonymous than the
-- rules in force. Held by the database, so no route or future code path can forget it.

CREATE FUNCTION community_cards_anonymous(community uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM ground_rules_version
                 WHERE community_id = community AND status = 'ratified' AND card_names = 'anonymous')
$$;

CREATE FUNCTION board_anonymous_as_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF community_cards_anonymous(NEW.community_id) THEN
    NEW.anonymous := true;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER board_anonymous_as_rules BEFORE INSERT OR UPDATE OF anonymous ON board
  FOR EACH ROW EXECUTE FUNCTION board_anonymous_as_rules();

CREATE FUNCTION boards_follow_ratified_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'ratified' AND NEW.card_names = 'anonymous' THEN
    UPDATE board SET anonymous = true WHERE community_id = NEW.community_id AND NOT anonymous;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER boards_follow_ratified_rules AFTER INSERT OR UPDATE OF status ON ground_rules_version
  FOR EACH ROW EXECUTE FUNCTION boards_follow_ratified_rules();

-- Communities whose rules are anonymous already.
UPDATE board b SET anonymous = true WHERE NOT anonymous AND community_cards_anonymous(b.community_id);
