-- (a) Join: every check-in with its persons row, on the 18-character person ID.
SELECT count(*) AS n
FROM hotel_checkins h
JOIN persons p ON p.person_id = h.person_id
