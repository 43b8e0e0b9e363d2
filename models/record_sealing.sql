-- model: record_sealing
-- title_zh: 犯罪记录封存
-- title_en: Sealed juvenile records disclosed
-- description_zh: 判决行可封存：被告人年龄可知且犯罪时（无犯罪日期的以判决日期计）未满18周岁，刑种不是无期徒刑或死刑，
-- description_zh: 刑期不超过60个月（空为0）。某人在时间T的记录已封存：至少有一条判决日期不晚于T的判决，且所有这样的判决行都可封存。
-- description_zh: 用途不是司法（空视为其他）的查询提供了记录，而被查询人的记录在查询时已封存的，为违法提供。
-- description_en: A judgment row is sealable when the defendant's age is known and under 18 at
-- description_en: offense_date (judgment_date when missing), the sentence is not life or death and
-- description_en: prison_months is at most 60 (empty counts as 0). A record is sealed at time T
-- description_en: when the person has at least one judgment with judgment_date on or before T and
-- description_en: every such row is sealable. A query for a purpose other than judicial (empty
-- description_en: counts as other) that disclosed a record sealed at query_time is a violation.
-- legal_basis: 刑事诉讼法 第286条 | 预防未成年人犯罪法 第59条
-- requires: record_queries, judgments

-- rule: sealed_record_disclosed
-- title_zh: 违法提供已封存的未成年人犯罪记录
-- title_en: Sealed juvenile record disclosed
-- keys: query_id
-- department: 'administrative'
-- severity: 'high'
-- target: kind = 'requester', name = requester, public_security = '公安机关'
-- evidence: record_queries = ev_query, judgments = ev_judgment
-- A judgment dated on the query's day counts as on or before query_time (a date is its
-- 00:00). One result row per judgment of the subject's record at query_time.
WITH graded AS (
  SELECT j.defendant_id,
         j.judgment_date,
         j._row AS ev_judgment,
         coalesce(age_at(birth_of(j.defendant_id), coalesce(j.offense_date, j.judgment_date)) < 18
                  AND coalesce(j.sentence_type, '') NOT IN ('life', 'death')
                  AND coalesce(j.prison_months, 0) <= 60, false) AS sealable
  FROM judgments j),
disclosed AS (
  SELECT q.query_id, q.subject_id, q.query_time, q.requester, q._row AS ev_query
  FROM record_queries q
  WHERE coalesce(q.disclosed, false)
    AND (q.purpose IS NULL OR q.purpose <> 'judicial'))
SELECT d.query_id, d.requester, d.ev_query, g.ev_judgment
FROM disclosed d
JOIN graded g ON g.defendant_id = d.subject_id AND g.judgment_date <= d.query_time
WHERE NOT EXISTS (
  SELECT 1
  FROM graded u
  WHERE u.defendant_id = d.subject_id
    AND u.judgment_date <= d.query_time
    AND NOT u.sealable);
