-- model: entry_ban
-- title_zh: 入职查询/从业禁止
-- title_en: People with barred records working with children
-- description_zh: 密切接触未成年人单位的从业人员有性侵、虐待、拐卖、暴力犯罪记录（入职查询），以及被判处从业禁止的人员在禁止期内从业。从业禁止期自判决日加刑期（缓刑为0）起算；法律规定自刑罚执行完毕或假释之日起算，缺少释放数据时以此估算。
-- description_en: Staff of child-contact institutions with a conviction for a sexual, abuse,
-- description_en: trafficking or violent offence (pre-employment check), and people working
-- description_en: during the period of an occupational ban. The ban is estimated to start at the
-- description_en: judgment date plus the prison term (0 when suspended), for lack of release data.
-- legal_basis: 未成年人保护法 第62条 | 刑法 第37条之一
-- requires: staff, judgments

-- rule: barred_record_employed
-- title_zh: 密切接触未成年人单位录用有犯罪记录人员
-- title_en: Child-contact institution employs a person with a barred record
-- keys: person_id, institution_id
-- department: 'administrative'
-- severity: CASE WHEN category = 'sexual' THEN 'high' ELSE 'medium' END
-- target: kind = 'regulator', name = regulator
-- evidence: staff = ev_staff, institutions = ev_institution, judgments = ev_judgment
-- requires: staff, judgments, institutions
SELECT s.person_id,
       s.institution_id,
       c.category,
       i.regulator,
       s._row AS ev_staff,
       i._row AS ev_institution,
       j._row AS ev_judgment
FROM staff s
JOIN institutions i ON i.institution_id = s.institution_id
JOIN judgments j ON j.defendant_id = s.person_id
JOIN charges c ON c.charge = j.charge
WHERE i.type IN ('kindergarten', 'primary_school', 'middle_school', 'high_school',
                 'vocational_school', 'training', 'child_welfare')
  AND c.category IN ('sexual', 'abuse', 'trafficking', 'violent')
  AND j.judgment_date <= coalesce(s.leave_date, :as_of)
  AND s.hire_date <= :as_of;

-- rule: occupational_ban_violated
-- title_zh: 违反从业禁止
-- title_en: Employment during an occupational ban
-- keys: person_id, institution_id, case_no
-- department: 'criminal'
-- severity: 'high'
-- target: kind = 'regulator', name = regulator
-- evidence: staff = ev_staff, judgments = ev_judgment
-- The ban period is [start, end): start = judgment_date + prison_months calendar months
-- (0 when suspended, an empty prison_months is 0), end = start + occupational_ban_years
-- years (12 months each), both with the end-of-month clamp. Employment [hire_date,
-- leave_date] (an empty leave_date is A) overlaps it when hire_date < end and
-- employment end >= start. Absurd terms are capped (1000 years) so that one bad value
-- cannot put a date out of range; a ban that far away overlaps nothing either way.
WITH bans AS (
  SELECT j.case_no,
         j.defendant_id,
         j._row AS ev_judgment,
         add_months(j.judgment_date,
                    CASE WHEN coalesce(j.suspended, false) THEN 0
                         ELSE greatest(least(coalesce(j.prison_months, 0), 12000), -12000)
                    END) AS ban_start,
         least(j.occupational_ban_years, 1000) AS ban_years
  FROM judgments j
  WHERE j.occupational_ban_years > 0)
SELECT s.person_id,
       s.institution_id,
       b.case_no,
       i.regulator,
       s._row AS ev_staff,
       b.ev_judgment
FROM staff s
JOIN bans b ON b.defendant_id = s.person_id
LEFT JOIN institutions i ON i.institution_id = s.institution_id
WHERE s.hire_date < add_years(b.ban_start, b.ban_years)
  AND coalesce(s.leave_date, :as_of) >= b.ban_start;
