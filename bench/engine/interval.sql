-- (b) Interval self-join: pairs of check-ins of different people in the same room with
-- overlapping stays (a.in < b.out and b.in < a.out), as hotel_minor does.
SELECT count(*) AS n
FROM hotel_checkins a
JOIN hotel_checkins b ON a.hotel_id = b.hotel_id AND a.room_no = b.room_no
                     AND a.checkin_time < b.checkout_time AND b.checkin_time < a.checkout_time
WHERE a.person_id <> b.person_id
