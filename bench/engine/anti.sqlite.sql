-- Anti-join in SQLite: NOT IN over a non-null column (person_id is required), the same set
-- as NOT EXISTS; SQLite runs NOT IN with an index built once, but runs NOT EXISTS here
-- as a full scan of persons per check-in (no automatic index for that subquery).
SELECT count(*) AS n
FROM hotel_checkins h
WHERE h.person_id NOT IN (SELECT p.person_id FROM persons p)
