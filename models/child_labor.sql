-- model: child_labor
-- title_zh: 童工
-- title_en: Children employed under 16
-- description_zh: 用工或社保记录显示用工起始日未满16周岁的人员。艺术、体育和特种工艺的法定例外由审查检察官判断。
-- description_en: Employment records of people under 16 at the start date. The statutory exceptions for arts, sports and special crafts are left to the reviewing prosecutor.
-- legal_basis: 未成年人保护法 第61条 | 劳动法 第15条 | 刑法 第244条之一
-- requires: employment

-- rule: child_employed
-- title_zh: 使用未满十六周岁的未成年人
-- title_en: Person under 16 at start_date
-- keys: person_id, employer_id
-- department: CASE WHEN hazardous THEN 'criminal' ELSE 'administrative' END
-- severity: CASE WHEN hazardous THEN 'high' ELSE 'medium' END
-- target: kind = 'regulator', name = regulator, institution_id = employer_id
-- evidence: employment = ev_employment
-- An empty hazardous is false. Several rows of one person and employer are one clue, high
-- and criminal when any of them is hazardous. The employer's regulator comes from
-- institutions; when the employer is not listed there, the labour administration is named.
SELECT e.person_id,
       e.employer_id,
       coalesce(e.hazardous, false) AS hazardous,
       coalesce(i.regulator, '人力资源社会保障行政部门') AS regulator,
       e._row AS ev_employment
FROM employment e
LEFT JOIN institutions i ON i.institution_id = e.employer_id
WHERE age_at(birth_of(e.person_id), e.start_date) < 16;
