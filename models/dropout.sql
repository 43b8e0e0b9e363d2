-- model: dropout
-- title_zh: 控辍保学
-- title_en: School-age children out of school
-- description_zh: 人口信息中在世（无早于或等于基准日的死亡日期）、基准日年满7周岁至15周岁（含）且年龄可知的人员，
-- description_zh: 在基准日没有在小学、初中、高中或职业学校的有效学籍（入学日期不晚于基准日，离校日期为空或晚于基准日）。
-- description_en: Living people of the population registry (no deceased_date on or before the
-- description_en: as-of date) aged 7 to 15 inclusive on the as-of date, whose age is known, with
-- description_en: no enrolment active on that date (enroll_date on or before it, leave_date empty
-- description_en: or after it) at a primary, middle, high or vocational school.
-- legal_basis: 义务教育法 第5条 | 义务教育法 第11条 | 义务教育法 第13条 | 未成年人保护法 第16条
-- requires: persons, enrollments, institutions

-- rule: not_enrolled
-- title_zh: 适龄未成年人未入学或辍学
-- title_en: School-age child with no active enrolment
-- keys: person_id
-- department: 'administrative'
-- severity: 'medium'
-- target: kind = 'regulator', name = '教育行政部门', region = region_code, region_name = region_name
-- evidence: persons = ev_person
-- The person's region is persons.region_code, else the first six digits of the ID.
-- An enrolment at a school missing from institutions does not count (its type is unknown).
SELECT p.person_id,
       coalesce(p.region_code, region_of(p.person_id)) AS region_code,
       region_name(coalesce(p.region_code, region_of(p.person_id))) AS region_name,
       p._row AS ev_person
FROM persons p
WHERE (p.deceased_date IS NULL OR p.deceased_date > :as_of)
  AND age_at(birth_of(p.person_id), :as_of) BETWEEN 7 AND 15
  AND NOT EXISTS (
    SELECT 1
    FROM enrollments e
    JOIN institutions s ON s.institution_id = e.school_id
    WHERE e.student_id = p.person_id
      AND e.enroll_date <= :as_of
      AND (e.leave_date IS NULL OR e.leave_date > :as_of)
      AND s.type IN ('primary_school', 'middle_school', 'high_school', 'vocational_school'));
