-- Anti-join: check-ins whose guest has no persons row.
SELECT count(*) AS n
FROM hotel_checkins h
WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.person_id = h.person_id)
