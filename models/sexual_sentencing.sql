-- model: sexual_sentencing
-- title_zh: 性侵未成年人案件监督
-- title_en: Abnormal judgments in sexual offences against minors
-- description_zh: 对强奸罪、负有照护职责人员性侵罪、强制猥亵、侮辱罪、猥亵儿童罪中被害人未满十八周岁（犯罪日，缺失时为判决日）的判决进行审判监督：低于法定刑下限、对不满十四周岁被害人适用缓刑、应禁未禁从业、量刑明显偏离同类案件。被害人年龄取最年幼的未成年被害人。
-- description_en: Trial supervision of judgments for rape, sexual assault by a person with a
-- description_en: duty of care, forcible indecency and indecency with a child where a victim was
-- description_en: under 18 at the offence date (the judgment date when missing): sentences below
-- description_en: the statutory floor, suspended sentences for victims under 14, missing
-- description_en: occupational bans and sentences far below those of peer cases. The victim age
-- description_en: is that of the youngest minor victim.
-- legal_basis: 刑法 第236条 | 刑法 第236条之一 | 刑法 第237条 | 刑法 第37条之一 | 未成年人保护法 第62条
-- requires: judgments, judgment_victims
-- param: min_group = 8  # 同类案件最少数量 / minimum size of a peer group
-- param: k = 2.5  # 偏离阈值（稳健标准差倍数） / threshold in robust standard deviations

-- rule: below_statutory_floor
-- title_zh: 刑期低于法定刑下限且无减轻情节
-- title_en: Prison term below the statutory floor without mitigation
-- keys: case_no, defendant_id
-- department: 'criminal'
-- severity: 'high'
-- target: kind = 'court', name = court
-- evidence: judgments = ev_judgment, judgment_victims = ev_victim
-- The four in-scope charges are exactly those of articles 236, 236-1 and 237 in the shipped
-- charges table (强奸罪 236, 负有照护职责人员性侵罪 236-1, 强制猥亵、侮辱罪 and 猥亵儿童罪 237).
-- Floors (months) 强奸罪 120 aggravated, else 36; 猥亵儿童罪 and 强制猥亵、侮辱罪 60
-- aggravated, else none; 负有照护职责人员性侵罪 36 aggravated, else none. Life and death
-- are infinite; exempt, fine_only, criminal_detention and public_surveillance count as 0;
-- an empty prison_months is 0.
WITH scope AS (
  SELECT j._row AS ev_judgment, j.case_no, j.defendant_id, j.court, c.article,
         j.sentence_type, j.prison_months, j.mitigating,
         coalesce(j.aggravating, '') <> '' AS aggravated,
         coalesce(j.offense_date, j.judgment_date) AS d
  FROM judgments j
  JOIN charges c ON c.charge = j.charge
  WHERE c.article IN ('236', '236-1', '237')),
minor_victims AS (
  SELECT s.ev_judgment, v._row AS ev_victim
  FROM scope s
  JOIN judgment_victims v ON v.case_no = s.case_no
  WHERE age_at(birth_of(v.victim_id), s.d) < 18)
SELECT s.case_no, s.defendant_id, s.court, s.ev_judgment, m.ev_victim
FROM scope s
JOIN minor_victims m ON m.ev_judgment = s.ev_judgment
WHERE coalesce(s.sentence_type, '') NOT IN ('life', 'death')
  AND coalesce(s.mitigating, '') = ''
  AND CASE WHEN s.sentence_type IN ('exempt', 'fine_only', 'criminal_detention',
                                    'public_surveillance') THEN 0
           ELSE coalesce(s.prison_months, 0) END
      < CASE s.article
          WHEN '236' THEN CASE WHEN s.aggravated THEN 120 ELSE 36 END
          WHEN '236-1' THEN CASE WHEN s.aggravated THEN 36 END
          ELSE CASE WHEN s.aggravated THEN 60 END
        END;

-- rule: suspended_for_child_victim
-- title_zh: 对不满十四周岁被害人的性侵犯罪适用缓刑
-- title_en: Suspended sentence with a victim under 14
-- keys: case_no, defendant_id
-- department: 'criminal'
-- severity: 'high'
-- target: kind = 'court', name = court
-- evidence: judgments = ev_judgment, judgment_victims = ev_victim
WITH scope AS (
  SELECT j._row AS ev_judgment, j.case_no, j.defendant_id, j.court, j.suspended,
         coalesce(j.offense_date, j.judgment_date) AS d
  FROM judgments j
  JOIN charges c ON c.charge = j.charge
  WHERE c.article IN ('236', '236-1', '237')),
minor_victims AS (
  SELECT s.ev_judgment, v._row AS ev_victim, age_at(birth_of(v.victim_id), s.d) AS age
  FROM scope s
  JOIN judgment_victims v ON v.case_no = s.case_no
  WHERE age_at(birth_of(v.victim_id), s.d) < 18),
victim_age AS (
  SELECT ev_judgment, min(age) AS victim_age FROM minor_victims GROUP BY ev_judgment)
SELECT s.case_no, s.defendant_id, s.court, s.ev_judgment, m.ev_victim
FROM scope s
JOIN victim_age a ON a.ev_judgment = s.ev_judgment
JOIN minor_victims m ON m.ev_judgment = s.ev_judgment
WHERE coalesce(s.suspended, false) AND a.victim_age < 14;

-- rule: missing_occupational_ban
-- title_zh: 利用职业便利性侵未成年人未宣告从业禁止
-- title_en: No occupational ban for a defendant working with children
-- keys: case_no, defendant_id
-- department: 'criminal'
-- severity: 'medium'
-- target: kind = 'court', name = court
-- evidence: judgments = ev_judgment, judgment_victims = ev_victim, staff = ev_staff
-- Worked at D (offense_date, else judgment_date): a staff row of a child-contact
-- institution with hire_date <= D <= leave_date (an empty leave_date is A); or an
-- occupation naming a job with children.
WITH scope AS (
  SELECT j._row AS ev_judgment, j.case_no, j.defendant_id, j.court,
         j.occupational_ban_years, j.defendant_occupation,
         coalesce(j.offense_date, j.judgment_date) AS d
  FROM judgments j
  JOIN charges c ON c.charge = j.charge
  WHERE c.article IN ('236', '236-1', '237')),
minor_victims AS (
  SELECT s.ev_judgment, v._row AS ev_victim
  FROM scope s
  JOIN judgment_victims v ON v.case_no = s.case_no
  WHERE age_at(birth_of(v.victim_id), s.d) < 18),
jobs AS (
  SELECT s.ev_judgment, st._row AS ev_staff
  FROM scope s
  JOIN staff st ON st.person_id = s.defendant_id
  JOIN institutions i ON i.institution_id = st.institution_id
  WHERE i.type IN ('kindergarten', 'primary_school', 'middle_school', 'high_school',
                   'vocational_school', 'training', 'child_welfare')
    AND st.hire_date <= s.d
    AND s.d <= coalesce(st.leave_date, :as_of))
SELECT s.case_no, s.defendant_id, s.court, s.ev_judgment, m.ev_victim, jb.ev_staff
FROM scope s
JOIN minor_victims m ON m.ev_judgment = s.ev_judgment
LEFT JOIN jobs jb ON jb.ev_judgment = s.ev_judgment
WHERE coalesce(s.occupational_ban_years, 0) = 0
  AND (jb.ev_staff IS NOT NULL
       OR s.defendant_occupation LIKE '%教师%'
       OR s.defendant_occupation LIKE '%老师%'
       OR s.defendant_occupation LIKE '%教练%'
       OR s.defendant_occupation LIKE '%保育%'
       OR s.defendant_occupation LIKE '%辅导%'
       OR s.defendant_occupation LIKE '%培训%'
       OR s.defendant_occupation LIKE '%校车%'
       OR s.defendant_occupation LIKE '%医生%');

-- rule: sentence_outlier
-- title_zh: 量刑明显轻于同类案件
-- title_en: Prison term far below peer cases
-- keys: case_no, defendant_id
-- department: 'criminal'
-- severity: 'medium'
-- target: kind = 'court', name = court
-- evidence: judgments = ev_judgment, judgment_victims = ev_victim
-- Peer group: same charge and same "aggravating non-empty" flag, over the in-scope rows
-- with a fixed-term sentence, not suspended, with prison_months present. In a group of
-- at least :min_group rows a row is an outlier when prison_months < median - k * s,
-- s = 1.4826 * MAD, or 0.25 * median when MAD is 0.
WITH scope AS (
  SELECT j._row AS ev_judgment, j.case_no, j.defendant_id, j.court, j.charge,
         j.sentence_type, j.suspended, j.prison_months,
         coalesce(j.aggravating, '') <> '' AS aggravated,
         coalesce(j.offense_date, j.judgment_date) AS d
  FROM judgments j
  JOIN charges c ON c.charge = j.charge
  WHERE c.article IN ('236', '236-1', '237')),
minor_victims AS (
  SELECT s.ev_judgment, v._row AS ev_victim
  FROM scope s
  JOIN judgment_victims v ON v.case_no = s.case_no
  WHERE age_at(birth_of(v.victim_id), s.d) < 18),
peers AS (
  SELECT s.ev_judgment, s.case_no, s.defendant_id, s.court, s.charge, s.aggravated,
         s.prison_months
  FROM scope s
  WHERE s.sentence_type = 'fixed_term'
    AND NOT coalesce(s.suspended, false)
    AND s.prison_months IS NOT NULL
    AND s.ev_judgment IN (SELECT ev_judgment FROM minor_victims)),
stats AS (
  SELECT charge, aggravated, count(*) AS n, median(prison_months) AS med,
         mad(prison_months) AS mad
  FROM peers
  GROUP BY charge, aggravated)
SELECT p.case_no, p.defendant_id, p.court, p.ev_judgment, m.ev_victim
FROM peers p
JOIN stats t ON t.charge = p.charge AND t.aggravated = p.aggravated
JOIN minor_victims m ON m.ev_judgment = p.ev_judgment
WHERE t.n >= :min_group
  AND p.prison_months < t.med - :k * CASE WHEN t.mad = 0 THEN 0.25 * t.med
                                           ELSE 1.4826 * t.mad END;
