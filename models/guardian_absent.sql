-- model: guardian_absent
-- title_zh: 监护缺失
-- title_en: Children left without guardianship
-- description_zh: 监护关系中登记的未成年人（无人口信息的视为在世，年龄按身份证号计算）在基准日在世且未满18周岁，
-- description_zh: 其登记的全部监护人在基准日均已死亡（死亡日期不晚于基准日）或处于羁押、服刑、戒毒中（开始日期不晚于基准日，结束日期为空或不早于基准日）。
-- description_zh: 既无人口信息也无羁押记录的监护人视为可以履行监护职责。
-- description_en: Minors registered in the guardianship table (one without a persons row counts
-- description_en: as living, its age taken from the ID) who are alive and under 18 on the as-of
-- description_en: date and all of whose registered guardians are, on that date, deceased
-- description_en: (deceased_date on or before it) or in detention, prison or rehabilitation
-- description_en: (start on or before it, end empty or on or after it). A guardian with neither
-- description_en: a persons row nor a detentions row counts as available.
-- legal_basis: 民法典 第27条 | 民法典 第32条 | 未成年人保护法 第92条 | 未成年人保护法 第94条
-- requires: guardians

-- rule: no_available_guardian
-- title_zh: 未成年人无可履职的监护人
-- title_en: Minor with no available guardian
-- keys: minor_id
-- department: 'civil'
-- severity: 'high'
-- target: kind = 'civil_affairs', name = '民政部门', region = region_code
-- evidence: guardians = ev_guardian, persons = ev_deceased, detentions = ev_detention
-- One result row per guardians row of the minor, with the guardian's persons row when the
-- guardian is deceased on A and each detentions row of the guardian active on A. A person
-- born after A is not yet a minor on A.
WITH dead AS (
  SELECT p.person_id, p._row AS ev
  FROM persons p
  WHERE p.deceased_date <= :as_of),
held AS (
  SELECT d.person_id, d._row AS ev
  FROM detentions d
  WHERE d.start_date <= :as_of
    AND (d.end_date IS NULL OR d.end_date >= :as_of)),
minors AS (
  SELECT DISTINCT g.minor_id
  FROM guardians g
  WHERE age_at(birth_of(g.minor_id), :as_of) BETWEEN 0 AND 17
    AND NOT EXISTS (SELECT 1 FROM dead x WHERE x.person_id = g.minor_id)),
orphaned AS (
  SELECT m.minor_id
  FROM minors m
  WHERE NOT EXISTS (
    SELECT 1
    FROM guardians g
    WHERE g.minor_id = m.minor_id
      AND NOT EXISTS (SELECT 1 FROM dead x WHERE x.person_id = g.guardian_id)
      AND NOT EXISTS (SELECT 1 FROM held h WHERE h.person_id = g.guardian_id)))
SELECT o.minor_id,
       coalesce(p.region_code, region_of(o.minor_id)) AS region_code,
       g._row AS ev_guardian,
       x.ev AS ev_deceased,
       h.ev AS ev_detention
FROM orphaned o
JOIN guardians g ON g.minor_id = o.minor_id
LEFT JOIN persons p ON p.person_id = o.minor_id
LEFT JOIN dead x ON x.person_id = g.guardian_id
LEFT JOIN held h ON h.person_id = g.guardian_id;
