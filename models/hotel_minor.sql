-- model: hotel_minor
-- title_zh: 旅馆接待未成年人
-- title_en: Hotels admitting minors
-- description_zh: 旅馆、宾馆、酒店接待未成年人入住：未成年人与无监护或同户关系的成年人同住一室（入住时段重叠），以及一年内多次接待未成年人而未登记监护人联系方式。入住时段为[入住时间, 退房时间)，未退房登记时按入住后12小时计。
-- description_en: Hotels admitting minors: a minor sharing a room (overlapping stays) with an
-- description_en: unrelated adult, and hotels that repeatedly admit minors without recording a
-- description_en: guardian contact. A stay is [checkin_time, checkout_time), or 12 hours from
-- description_en: check-in when the checkout is missing.
-- legal_basis: 未成年人保护法 第57条 | 刑法 第236条
-- requires: hotel_checkins
-- param: min_count = 3  # 一年内未登记监护人联系方式的最少次数 / minimum minor check-ins without a guardian contact in 365 days

-- rule: minor_with_unrelated_adult
-- title_zh: 未成年人与无关成年人同住一室
-- title_en: Minor sharing a room with an unrelated adult
-- keys: minor_id, adult_id, hotel_id, checkin_date
-- department: 'criminal'
-- severity: CASE WHEN minor_sex <> adult_sex THEN 'high' ELSE 'medium' END
-- target: kind = 'public_security', name = regulator
-- evidence: hotel_checkins = ev_minor, hotel_checkins = ev_adult
-- "Related" means one is a registered guardian of the other, or both have the same non-empty
-- household_id. Severity is high only when both sexes are known and differ.
WITH stays AS (
  SELECT h.hotel_id, h.room_no, h.person_id, h._row AS ev,
         h.checkin_time AS t_in,
         coalesce(h.checkout_time, h.checkin_time + INTERVAL '12 hours') AS t_out,
         age_at(birth_of(h.person_id), h.checkin_time) AS age,
         sex_of(h.person_id) AS sex
  FROM hotel_checkins h)
SELECT m.person_id AS minor_id,
       a.person_id AS adult_id,
       m.hotel_id,
       CAST(m.t_in AS DATE) AS checkin_date,
       m.sex AS minor_sex,
       a.sex AS adult_sex,
       i.regulator,
       m.ev AS ev_minor,
       a.ev AS ev_adult
FROM stays m
JOIN stays a ON a.hotel_id = m.hotel_id AND a.room_no = m.room_no
            AND m.t_in < a.t_out AND a.t_in < m.t_out
LEFT JOIN institutions i ON i.institution_id = m.hotel_id
WHERE m.age < 18
  AND a.age >= 18
  AND m.person_id <> a.person_id
  AND NOT EXISTS (SELECT 1 FROM guardians g
                  WHERE g.minor_id = m.person_id AND g.guardian_id = a.person_id)
  AND NOT EXISTS (SELECT 1 FROM guardians g
                  WHERE g.minor_id = a.person_id AND g.guardian_id = m.person_id)
  AND NOT EXISTS (SELECT 1 FROM persons p1
                  JOIN persons p2 ON p2.household_id = p1.household_id
                  WHERE p1.person_id = m.person_id AND p2.person_id = a.person_id
                    AND p1.household_id <> '');

-- rule: guardian_contact_not_recorded
-- title_zh: 接待未成年人未登记监护人联系方式
-- title_en: Minors admitted without a guardian contact
-- keys: hotel_id
-- department: 'administrative'
-- severity: 'medium'
-- target: kind = 'regulator', name = regulator
-- evidence: hotel_checkins = ev_checkin
-- Minor check-ins with an empty guardian_contact whose check-in date d satisfies
-- A - 365 days < d <= A; a hotel with at least :min_count of them gives a clue.
WITH missing AS (
  SELECT h.hotel_id, h._row AS ev_checkin
  FROM hotel_checkins h
  WHERE age_at(birth_of(h.person_id), h.checkin_time) < 18
    AND coalesce(h.guardian_contact, '') = ''
    AND CAST(h.checkin_time AS DATE) > :as_of - 365
    AND CAST(h.checkin_time AS DATE) <= :as_of),
hotels AS (
  SELECT hotel_id FROM missing GROUP BY hotel_id HAVING count(*) >= :min_count)
SELECT m.hotel_id, i.regulator, m.ev_checkin
FROM missing m
JOIN hotels o ON o.hotel_id = m.hotel_id
LEFT JOIN institutions i ON i.institution_id = m.hotel_id;
