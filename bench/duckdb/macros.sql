-- DuckDB macros for the functions of Tutela's dialect that the 26 rules use (docs/sql.md),
-- so that models/*.sql run on DuckDB as written; run after every table is loaded (the
-- person_facts table below is part of DuckDB's timed load).
-- id_birth: digits 7-14 when they form a real date with a year in 1800..2099, also for an
-- invalid ID; id_sex: the 17th digit, odd = M.
CREATE MACRO id_birth(p) AS
  CASE WHEN regexp_full_match(substr(p, 7, 8), '[0-9]{8}')
            AND CAST(substr(p, 7, 4) AS INTEGER) BETWEEN 1800 AND 2099
       THEN CAST(try_strptime(substr(p, 7, 8), '%Y%m%d') AS DATE) END;
CREATE MACRO id_sex(p) AS
  CASE WHEN regexp_full_match(substr(p, 17, 1), '[0-9]')
       THEN CASE WHEN CAST(substr(p, 17, 1) AS INTEGER) % 2 = 1 THEN 'M' ELSE 'F' END END;
CREATE MACRO ymd(d) AS year(d) * 10000 + month(d) * 100 + day(d);
-- person_facts: every person ID of every table once, with its effective birth date and sex
-- (the first persons row of the ID first, else the ID), as Tutela's person dictionary holds
-- them; built once at load time, so that the rules look people up instead of parsing IDs.
-- Its columns have names of their own so that a macro argument such as an unqualified
-- person_id cannot bind to them.
CREATE TABLE person_facts AS
WITH ids AS (
  SELECT person_id AS id FROM persons UNION SELECT minor_id FROM guardians
  UNION SELECT guardian_id FROM guardians UNION SELECT person_id FROM staff
  UNION SELECT defendant_id FROM judgments UNION SELECT victim_id FROM judgment_victims
  UNION SELECT person_id FROM hotel_checkins UNION SELECT person_id FROM netcafe_sessions
  UNION SELECT patient_id FROM medical_visits UNION SELECT subject_id FROM mandatory_reports
  UNION SELECT person_id FROM employment UNION SELECT student_id FROM enrollments
  UNION SELECT person_id FROM detentions UNION SELECT suspect_id FROM juvenile_cases
  UNION SELECT subject_id FROM record_queries),
reg AS (
  SELECT person_id, birth_date, sex FROM persons
  QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY _row) = 1),
facts AS (
  SELECT ids.id AS pf_id, coalesce(reg.birth_date, id_birth(ids.id)) AS pf_birth,
         coalesce(reg.sex, id_sex(ids.id)) AS pf_sex
  FROM ids LEFT JOIN reg ON reg.person_id = ids.id
  WHERE ids.id IS NOT NULL)
SELECT pf_id, pf_birth, pf_sex, ymd(pf_birth) AS pf_key FROM facts;
-- birth_of / sex_of: the persons row first, else the ID, looked up in person_facts (which
-- holds every value of every person-ID column; no fallback for other text: a fallback
-- expression here is evaluated for every row, which triples DuckDB's time on the lookups).
CREATE MACRO birth_of(p) AS (SELECT f.pf_birth FROM person_facts f WHERE f.pf_id = p);
CREATE MACRO sex_of(p) AS (SELECT f.pf_sex FROM person_facts f WHERE f.pf_id = p);
-- age_at: full years completed on d (a timestamp uses its date); the birthday counts, and a
-- 29 February birthday completes a year on 1 March in common years: floor((YYYYMMDD of d -
-- YYYYMMDD of b) / 10000), which is -1 for a birth after d, as in Tutela. b appears once
-- (a macro argument is copied wherever it is used, and birth_of() is a subquery).
CREATE MACRO age_at(b, d) AS
  CAST(floor((ymd(d) - CAST(strftime(b, '%Y%m%d') AS INTEGER)) / 10000) AS BIGINT);
-- age_of(p, d) = age_at(birth_of(p), d) with the birth date's YYYYMMDD looked up directly;
-- duckdb_library.mjs rewrites the one into the other.
CREATE MACRO age_of(p, d) AS
  CAST(floor((ymd(d) - (SELECT f.pf_key FROM person_facts f WHERE f.pf_id = p)) / 10000) AS BIGINT);
-- add_months / add_years on dates, with the end-of-month clamp of DuckDB's date + months.
CREATE MACRO add_months(d, n) AS CAST(d + to_months(CAST(n AS INTEGER)) AS DATE);
CREATE MACRO add_years(d, n) AS add_months(d, 12 * n);
-- haversine_m: the same formula and operation order as Tutela (earth radius 6 371 008.8 m).
CREATE MACRO haversine_m(lat1, lon1, lat2, lon2) AS
  2 * 6371008.8 * asin(sqrt(least(1.0, greatest(0.0,
    pow(sin((radians(lat2) - radians(lat1)) / 2), 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * pow(sin((radians(lon2) - radians(lon1)) / 2), 2)))));
-- nfkc: DuckDB has no NFKC; this folds what NFKC changes in codes and IDs (full-width ASCII
-- U+FF01..U+FF5E and the ideographic space U+3000). tutela_trim: ASCII whitespace and U+3000.
CREATE MACRO nfkc(s) AS
  translate(s, '　！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～',
            ' !"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~');
CREATE MACRO tutela_trim(s) AS trim(s, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(12288));
-- region_of: the first six characters when they are digits; region_name: from regions.
CREATE MACRO region_of(p) AS CASE WHEN regexp_full_match(substr(p, 1, 6), '[0-9]{6}') THEN substr(p, 1, 6) END;
CREATE MACRO region_name(c) AS (SELECT r.name FROM regions r WHERE r.code = c);
