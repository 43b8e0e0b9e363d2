-- model: netcafe_minor
-- title_zh: 网吧接纳未成年人
-- title_en: Internet cafés admitting minors
-- description_zh: 互联网上网服务营业场所一年内接纳未成年人上网（5名以上不同未成年人为高风险），以及网吧设在中小学校周边规定距离内（条例第9条适用于中小学，不含幼儿园；无坐标的机构不参与比对）。
-- description_en: Internet cafés with log-ins by minors in the 365 days up to the as-of date
-- description_en: (high severity at 5 or more distinct minors), and internet cafés within the
-- description_en: given distance of a primary, middle or high school (article 9 covers schools,
-- description_en: not kindergartens; institutions without coordinates are skipped).
-- legal_basis: 未成年人保护法 第58条 | 互联网上网服务营业场所管理条例 第21条 | 互联网上网服务营业场所管理条例 第9条
-- param: distance_m = 200  # 与中小学的最小距离（米） / distance to a school in metres

-- rule: minor_admitted
-- title_zh: 网吧接纳未成年人上网
-- title_en: Internet café admitted minors
-- keys: cafe_id
-- department: 'administrative'
-- severity: CASE WHEN minors >= 5 THEN 'high' ELSE 'medium' END
-- target: kind = 'regulator', name = regulator
-- evidence: netcafe_sessions = ev_session
-- requires: netcafe_sessions
-- Sessions whose login date d satisfies A - 365 days < d <= A, by a person under 18 at
-- login_time; `minors` counts the distinct minors of the café.
WITH minor_sessions AS (
  SELECT n.cafe_id, n.person_id, n._row AS ev_session
  FROM netcafe_sessions n
  WHERE age_at(birth_of(n.person_id), n.login_time) < 18
    AND CAST(n.login_time AS DATE) > :as_of - 365
    AND CAST(n.login_time AS DATE) <= :as_of),
cafes AS (
  SELECT cafe_id, count(DISTINCT person_id) AS minors
  FROM minor_sessions
  GROUP BY cafe_id)
SELECT s.cafe_id, c.minors, i.regulator, s.ev_session
FROM minor_sessions s
JOIN cafes c ON c.cafe_id = s.cafe_id
LEFT JOIN institutions i ON i.institution_id = s.cafe_id;

-- rule: too_close_to_school
-- title_zh: 网吧设在中小学校周边
-- title_en: Internet café too close to a school
-- keys: cafe_id, school_id
-- department: 'administrative'
-- severity: 'medium'
-- target: kind = 'regulator', name = regulator
-- evidence: institutions = ev_cafe, institutions = ev_school
-- requires: institutions
-- Haversine great-circle distance (earth radius 6 371 008.8 m) <= :distance_m;
-- haversine_m is NULL, so the pair is skipped, when a coordinate is missing.
SELECT c.institution_id AS cafe_id,
       s.institution_id AS school_id,
       c.regulator,
       c._row AS ev_cafe,
       s._row AS ev_school
FROM institutions c
CROSS JOIN institutions s
WHERE c.type = 'internet_cafe'
  AND s.type IN ('primary_school', 'middle_school', 'high_school')
  AND haversine_m(c.lat, c.lon, s.lat, s.lon) <= :distance_m;
