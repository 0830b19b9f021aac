-- Process health for the sponsor: how many people took part in each session and how safe it felt,
-- under the minimum of 3; and pulses that close with their session.

-- Who has joined a live session, kept only while it runs, so each person counts once. When the
-- session ends, how many distinct people joined is kept on the session (took_part) and these rows
-- are deleted: no record of who attended outlives the session.
CREATE TABLE session_attendance (
  session_id  uuid NOT NULL REFERENCES community_session (id) ON DELETE CASCADE,
  account_id  uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  PRIMARY KEY (session_id, account_id)
);

-- NULL for a session that ended before attendance was counted.
ALTER TABLE community_session ADD COLUMN took_part int CHECK (took_part >= 0);

-- A pulse left open when its session ended closes then (its results become visible).
UPDATE pulse p SET closed_at = coalesce(s.ended_at, now())
FROM community_session s
WHERE p.session_id = s.id AND s.state = 'ended' AND p.closed_at IS NULL;

-- What a sponsor may know of the sessions held (ended), one row per session: its number in order
-- and its day (UTC), for how often the community meets; how many took part, only when at least 3
-- did; and the mean answer of its closed "how safe does this feel" pulses, only from pulses at
-- least 3 people answered. The minimum of 3 is applied here, before anything leaves the database
-- (the same minimum as review.Aggregate.MINIMUM). Nothing per person, no title, no process check.
-- Like sponsor_community, the view runs with its owner's rights: the sponsor's role reads the view
-- and none of the tables behind it. security_barrier keeps a caller's conditions from being
-- evaluated on the rows underneath.
CREATE VIEW sponsor_session WITH (security_barrier) AS
  SELECT s.community_id,
         row_number() OVER (PARTITION BY s.community_id ORDER BY coalesce(s.started_at, s.starts_at), s.id) AS number,
         (coalesce(s.started_at, s.starts_at) AT TIME ZONE 'UTC')::date AS held_on,
         s.took_part IS NOT NULL AS took_part_counted,
         CASE WHEN s.took_part >= 3 THEN s.took_part END AS took_part,
         safety.pulses > 0 AS safety_asked,
         CASE WHEN safety.answers >= 3 THEN safety.mean END AS safety_mean
  FROM community_session s
  CROSS JOIN LATERAL (
    SELECT count(DISTINCT p.id) AS pulses,
           count(a.id) FILTER (WHERE p.answers >= 3) AS answers,
           round(avg(a.value::int) FILTER (WHERE p.answers >= 3), 1) AS mean
    FROM (SELECT q.id, (SELECT count(*) FROM pulse_answer n WHERE n.pulse_id = q.id) AS answers
          FROM pulse q WHERE q.session_id = s.id AND q.kind = 'safety' AND q.closed_at IS NOT NULL) p
    LEFT JOIN pulse_answer a ON a.pulse_id = p.id
  ) safety
  WHERE s.state = 'ended';
