-- model: integration_review
-- title_zh: 四大检察一体化同步审查
-- title_en: The four prosecutions in one view
-- description_zh: 对每一条有未满18周岁被害人（以犯罪日期计，无犯罪日期的以判决日期计）的判决行，同步审查民事（监护人侵害）、
-- description_zh: 行政（案发于受监管场所）、公益诉讼（同一机构关联多起案件）和刑事（性犯罪再犯）线索。
-- description_en: For every judgment row with a victim under 18 at offense_date (judgment_date
-- description_en: when missing), reviews the civil (guardian as offender), administrative
-- description_en: (offence at a regulated place), public-interest (an institution linked to
-- description_en: several cases) and criminal (repeat sexual offender) sides of the case.
-- legal_basis: 民法典 第36条 | 未成年人保护法 第57条 | 未成年人保护法 第58条 | 未成年人保护法 第62条 | 未成年人保护法 第106条 | 未成年人保护法 第108条 | 刑法 第65条
-- requires: judgments, judgment_victims

-- rule: guardian_offender
-- title_zh: 监护人侵害被监护的未成年人
-- title_en: The defendant is a registered guardian of a victim
-- keys: case_no, victim_id
-- department: 'civil'
-- severity: 'high'
-- legal_basis: 民法典 第36条 | 未成年人保护法 第108条
-- target: kind = 'civil_affairs', name = '民政部门'
-- evidence: judgments = ev_judgment, judgment_victims = ev_victim, guardians = ev_guardian
-- In scope: judgment rows with a victim under 18 at D = offense_date, else judgment_date.
-- The guarded victim may be of any age. Evidence: the in-scope judgment rows of the case with
-- that defendant, the minor victim rows of the case, the victim's own row and the guardians rows.
WITH base AS (
  SELECT j.case_no, j.defendant_id, j._row AS ev_judgment,
         coalesce(j.offense_date, j.judgment_date) AS d
  FROM judgments j
  WHERE EXISTS (
    SELECT 1
    FROM judgment_victims v
    WHERE v.case_no = j.case_no
      AND age_at(birth_of(v.victim_id), coalesce(j.offense_date, j.judgment_date)) < 18)),
hits AS (
  SELECT b.case_no, b.d, b.ev_judgment, v.victim_id, v._row AS ev_victim, g._row AS ev_guardian
  FROM base b
  JOIN judgment_victims v ON v.case_no = b.case_no
  JOIN guardians g ON g.minor_id = v.victim_id AND g.guardian_id = b.defendant_id)
SELECT h.case_no, h.victim_id, h.ev_judgment, h.ev_victim, h.ev_guardian
FROM hits h
UNION ALL
SELECT h.case_no, h.victim_id, NULL, m._row, NULL
FROM hits h
JOIN judgment_victims m ON m.case_no = h.case_no
WHERE age_at(birth_of(m.victim_id), h.d) < 18;

-- rule: offense_at_regulated_place
-- title_zh: 案发于受监管场所
-- title_en: Offence at a hotel, internet café, bar, entertainment venue or school
-- keys: case_no, institution_id
-- department: 'administrative'
-- severity: 'medium'
-- legal_basis: 未成年人保护法 第57条 | 未成年人保护法 第58条 | 未成年人保护法 第106条
-- target: kind = 'regulator', name = regulator
-- evidence: judgments = ev_judgment, judgment_victims = ev_victim, institutions = ev_institution
-- School types are kindergarten, primary_school, middle_school and high_school.
WITH base AS (
  SELECT j.case_no, j.offense_place_id, j._row AS ev_judgment,
         coalesce(j.offense_date, j.judgment_date) AS d
  FROM judgments j
  WHERE EXISTS (
    SELECT 1
    FROM judgment_victims v
    WHERE v.case_no = j.case_no
      AND age_at(birth_of(v.victim_id), coalesce(j.offense_date, j.judgment_date)) < 18)),
hits AS (
  SELECT b.case_no, b.d, b.ev_judgment, i.institution_id, i.regulator, i._row AS ev_institution
  FROM base b
  JOIN institutions i ON i.institution_id = b.offense_place_id
  WHERE i.type IN ('hotel', 'internet_cafe', 'bar', 'entertainment', 'kindergarten',
                   'primary_school', 'middle_school', 'high_school'))
SELECT h.case_no, h.institution_id, h.regulator, h.ev_judgment, NULL AS ev_victim,
       h.ev_institution
FROM hits h
UNION ALL
SELECT h.case_no, h.institution_id, h.regulator, NULL, m._row, NULL
FROM hits h
JOIN judgment_victims m ON m.case_no = h.case_no
WHERE age_at(birth_of(m.victim_id), h.d) < 18;

-- rule: systemic_risk_institution
-- title_zh: 同一机构关联多起侵害未成年人案件
-- title_en: Institution linked to two or more cases with minor victims
-- keys: institution_id
-- department: 'public_interest'
-- severity: 'high'
-- legal_basis: 未成年人保护法 第106条
-- target: kind = 'regulator', name = regulator
-- evidence: institutions = ev_institution, judgments = ev_judgment, staff = ev_staff
-- A judgment row is linked to its offense_place_id (listed in institutions or not) and to
-- every child-contact institution where its defendant worked on D (hire_date <= D <=
-- leave_date, an empty leave_date meaning A).
WITH base AS (
  SELECT j.case_no, j.defendant_id, j.offense_place_id, j._row AS ev_judgment,
         coalesce(j.offense_date, j.judgment_date) AS d
  FROM judgments j
  WHERE EXISTS (
    SELECT 1
    FROM judgment_victims v
    WHERE v.case_no = j.case_no
      AND age_at(birth_of(v.victim_id), coalesce(j.offense_date, j.judgment_date)) < 18)),
links AS (
  SELECT b.offense_place_id AS institution_id, b.case_no, b.ev_judgment, NULL AS ev_staff
  FROM base b
  WHERE b.offense_place_id IS NOT NULL
  UNION ALL
  SELECT s.institution_id, b.case_no, b.ev_judgment, s._row AS ev_staff
  FROM base b
  JOIN staff s ON s.person_id = b.defendant_id
  JOIN institutions i ON i.institution_id = s.institution_id
  WHERE i.type IN ('kindergarten', 'primary_school', 'middle_school', 'high_school',
                   'vocational_school', 'training', 'child_welfare')
    AND s.hire_date <= b.d
    AND b.d <= coalesce(s.leave_date, :as_of)),
risky AS (
  SELECT l.institution_id
  FROM links l
  GROUP BY l.institution_id
  HAVING count(DISTINCT l.case_no) >= 2)
SELECT l.institution_id, i.regulator, i._row AS ev_institution, l.ev_judgment, l.ev_staff
FROM links l
JOIN risky r ON r.institution_id = l.institution_id
LEFT JOIN institutions i ON i.institution_id = l.institution_id;

-- rule: repeat_offender
-- title_zh: 性犯罪前科人员再次侵害未成年人
-- title_en: Defendant with an earlier sexual-offence judgment
-- keys: case_no, defendant_id
-- department: 'criminal'
-- severity: 'high'
-- legal_basis: 刑法 第65条 | 未成年人保护法 第62条
-- target: kind = 'court', name = court
-- evidence: judgments = ev_judgment, judgment_victims = ev_victim
-- An earlier judgment is one of the defendant with a charge of category sexual and a judgment_date
-- before D (this row's offense_date, else its judgment_date).
WITH base AS (
  SELECT j.case_no, j.defendant_id, j.court, j._row AS ev_judgment,
         coalesce(j.offense_date, j.judgment_date) AS d
  FROM judgments j
  WHERE EXISTS (
    SELECT 1
    FROM judgment_victims v
    WHERE v.case_no = j.case_no
      AND age_at(birth_of(v.victim_id), coalesce(j.offense_date, j.judgment_date)) < 18)),
hits AS (
  SELECT b.case_no, b.defendant_id, b.court, b.d, b.ev_judgment, e._row AS ev_earlier
  FROM base b
  JOIN judgments e ON e.defendant_id = b.defendant_id
  JOIN charges c ON c.charge = e.charge
  WHERE c.category = 'sexual'
    AND e.judgment_date < b.d)
SELECT h.case_no, h.defendant_id, h.court, h.ev_judgment, NULL AS ev_victim
FROM hits h
UNION ALL
SELECT h.case_no, h.defendant_id, h.court, h.ev_earlier, NULL
FROM hits h
UNION ALL
SELECT h.case_no, h.defendant_id, h.court, NULL, m._row
FROM hits h
JOIN judgment_victims m ON m.case_no = h.case_no
WHERE age_at(birth_of(m.victim_id), h.d) < 18;
