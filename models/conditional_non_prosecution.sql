-- model: conditional_non_prosecution
-- title_zh: 附条件不起诉帮教考察
-- title_en: Conditional non-prosecution supervision
-- description_zh: 未检案件附条件不起诉的适用与考验期监督。适用条件：犯罪时未满18周岁（年龄不明的不符合），
-- description_zh: 罪名属刑法分则第四、五、六章（以罪名表为准，未知罪名不符合），可能判处刑期已填写且不超过12个月，认罪悔罪。
-- description_zh: 考验期为 [决定日期, 决定日期 + 考验期月数)，基准日在其中即为考验期内。
-- description_en: Supervision of conditional non-prosecution in juvenile cases. Eligible: under
-- description_en: 18 at offense_date (unknown age is not eligible), a charge of chapter 4, 5 or 6
-- description_en: of the Criminal Law per charges.csv (an unknown charge is not eligible),
-- description_en: expected_sentence_months present and at most 12, and confessed. The probation
-- description_en: is [decision_date, decision_date + probation_months months) and is running on
-- description_en: the as-of date when that date is inside it.
-- legal_basis: 刑事诉讼法 第282条 | 刑事诉讼法 第283条 | 刑事诉讼法 第284条
-- requires: juvenile_cases
-- param: min_overdue = 2  # 逾期任务数下限 / minimum number of overdue tasks

-- rule: eligible_but_prosecuted
-- title_zh: 符合附条件不起诉条件但提起公诉
-- title_en: Eligible for conditional non-prosecution but prosecuted
-- keys: case_id
-- department: 'criminal'
-- severity: 'medium'
-- target: kind = 'procuratorate', name = '未成年人检察部门'
-- evidence: juvenile_cases = ev_case
-- Article 282 is discretionary and a suspect's objection forces prosecution: a prompt for
-- review, not a finding of error.
SELECT c.case_id, c._row AS ev_case
FROM juvenile_cases c
LEFT JOIN charges ch ON ch.charge = c.charge
WHERE c.decision = 'prosecute'
  AND age_at(birth_of(c.suspect_id), c.offense_date) < 18
  AND ch.chapter IN (4, 5, 6)
  AND c.expected_sentence_months <= 12
  AND c.confessed;

-- rule: ineligible_but_granted
-- title_zh: 不符合条件而作出附条件不起诉
-- title_en: Conditional non-prosecution granted without eligibility
-- keys: case_id
-- department: 'criminal'
-- severity: 'medium'
-- target: kind = 'procuratorate', name = '未成年人检察部门'
-- evidence: juvenile_cases = ev_case
-- Any unknown fact (age, charge, expected sentence) makes the case not eligible; an empty
-- confessed is false.
SELECT c.case_id, c._row AS ev_case
FROM juvenile_cases c
LEFT JOIN charges ch ON ch.charge = c.charge
WHERE c.decision = 'conditional_non_prosecution'
  AND NOT coalesce(age_at(birth_of(c.suspect_id), c.offense_date) < 18
                   AND ch.chapter IN (4, 5, 6)
                   AND c.expected_sentence_months <= 12
                   AND c.confessed, false);

-- rule: probation_period_invalid
-- title_zh: 考验期不符合法定期限
-- title_en: Probation period missing or outside 6 to 12 months
-- keys: case_id
-- department: 'criminal'
-- severity: 'medium'
-- target: kind = 'procuratorate', name = '未成年人检察部门'
-- evidence: juvenile_cases = ev_case
SELECT c.case_id, c._row AS ev_case
FROM juvenile_cases c
WHERE c.decision = 'conditional_non_prosecution'
  AND (c.probation_months IS NULL OR c.probation_months < 6 OR c.probation_months > 12);

-- rule: tasks_overdue
-- title_zh: 考验期内帮教考察任务逾期
-- title_en: Overdue supervision tasks during a running probation
-- keys: case_id
-- department: 'criminal'
-- severity: CASE WHEN overdue >= 3 THEN 'high' ELSE 'medium' END
-- target: kind = 'procuratorate', name = '未成年人检察部门'
-- evidence: juvenile_cases = ev_case, probation_tasks = ev_task
-- A task is overdue when due_date < A and done_date is empty or later than due_date + 7
-- days; every task of the case counts, whatever its due date. One result row per overdue
-- task, plus one for the case row.
WITH running AS (
  SELECT c.case_id, c._row AS ev_case
  FROM juvenile_cases c
  WHERE c.decision = 'conditional_non_prosecution'
    AND c.decision_date <= :as_of
    AND :as_of < add_months(c.decision_date, c.probation_months)),
late AS (
  SELECT t.case_id, t._row AS ev_task
  FROM probation_tasks t
  WHERE t.due_date < :as_of
    AND (t.done_date IS NULL OR t.done_date > t.due_date + 7)),
counted AS (
  SELECT l.case_id, count(*) AS overdue
  FROM late l
  GROUP BY l.case_id)
SELECT r.case_id, k.overdue, r.ev_case, l.ev_task
FROM running r
JOIN counted k ON k.case_id = r.case_id
JOIN late l ON l.case_id = r.case_id
WHERE k.overdue >= :min_overdue;

-- rule: reoffended_during_probation
-- title_zh: 考验期内再犯罪
-- title_en: New offence during the probation
-- keys: case_id
-- department: 'criminal'
-- severity: 'medium'
-- target: kind = 'procuratorate', name = '未成年人检察部门'
-- evidence: juvenile_cases = ev_case, judgments = ev_judgment, juvenile_cases = ev_other
-- The probation need not be running on A. A judgment's offence date is offense_date, else
-- its judgment_date; another juvenile case is one with another case_id and the same suspect.
WITH probation AS (
  SELECT c.case_id, c.suspect_id, c._row AS ev_case, c.decision_date AS p_start,
         add_months(c.decision_date, c.probation_months) AS p_end
  FROM juvenile_cases c
  WHERE c.decision = 'conditional_non_prosecution'
    AND c.decision_date IS NOT NULL
    AND c.probation_months IS NOT NULL)
SELECT p.case_id, p.ev_case, j._row AS ev_judgment, NULL AS ev_other
FROM probation p
JOIN judgments j ON j.defendant_id = p.suspect_id
WHERE coalesce(j.offense_date, j.judgment_date) >= p.p_start
  AND coalesce(j.offense_date, j.judgment_date) < p.p_end
UNION ALL
SELECT p.case_id, p.ev_case, NULL AS ev_judgment, o._row AS ev_other
FROM probation p
JOIN juvenile_cases o ON o.suspect_id = p.suspect_id
WHERE o.case_id <> p.case_id
  AND o.offense_date >= p.p_start
  AND o.offense_date < p.p_end;

-- rule: probation_ending
-- title_zh: 考验期即将届满需作出决定
-- title_en: Probation ends within 30 days: the final decision is due
-- keys: case_id
-- department: 'criminal'
-- severity: 'medium'
-- target: kind = 'procuratorate', name = '未成年人检察部门'
-- evidence: juvenile_cases = ev_case
SELECT c.case_id, c._row AS ev_case
FROM juvenile_cases c
WHERE c.decision = 'conditional_non_prosecution'
  AND add_months(c.decision_date, c.probation_months) > :as_of
  AND add_months(c.decision_date, c.probation_months) <= :as_of + 30;
