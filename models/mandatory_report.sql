-- model: mandatory_report
-- title_zh: 强制报告
-- title_en: Harm to minors that no one reported
-- description_zh: 未满14周岁的患者就诊，诊断编码（NFKC规范化、去空格、转大写后）以妊娠或性侵害相关的ICD-10前缀开头，
-- description_zh: 而就诊时间前后 window_h 小时内没有针对该未成年人的强制报告记录。同一患者、同一医院、同一天的多次未报告就诊为一条线索。
-- description_en: Visits of patients under 14 whose diagnosis code (NFKC-normalised, trimmed,
-- description_en: upper-cased) starts with an ICD-10 prefix signalling pregnancy or sexual harm,
-- description_en: with no mandatory report about the child within window_h hours before or after
-- description_en: the visit. Several unreported visits of one patient at one hospital on one day
-- description_en: are one clue.
-- legal_basis: 未成年人保护法 第11条 | 刑法 第236条
-- requires: medical_visits, mandatory_reports
-- param: window_h = 24  # 报告时间窗（小时，前后各计）/ report window in hours, either side of the visit

-- rule: unreported_harm
-- title_zh: 未成年人疑似受侵害未报告
-- title_en: Suspected harm to a child under 14 not reported
-- keys: patient_id, hospital_id, visit_date
-- department: 'criminal'
-- severity: 'high'
-- target: kind = 'regulator', name = regulator, institution_id = hospital_id
-- evidence: medical_visits = ev_visit
-- The report window is [visit_time - window_h, visit_time + window_h], both ends inclusive.
-- The hospital's regulator is taken from institutions; when the hospital is not listed
-- there, the health administration is named.
SELECT v.patient_id,
       v.hospital_id,
       CAST(v.visit_time AS DATE) AS visit_date,
       coalesce(i.regulator, '卫生健康行政部门') AS regulator,
       v._row AS ev_visit
FROM medical_visits v
LEFT JOIN institutions i ON i.institution_id = v.hospital_id
WHERE age_at(birth_of(v.patient_id), v.visit_time) < 14
  AND EXISTS (
    SELECT 1
    FROM icd10_minor_harm h
    WHERE length(upper(trim(nfkc(h.prefix)))) > 0
      AND starts_with(upper(trim(nfkc(v.diagnosis_code))), upper(trim(nfkc(h.prefix)))))
  AND NOT EXISTS (
    SELECT 1
    FROM mandatory_reports r
    WHERE r.subject_id = v.patient_id
      AND r.report_time >= v.visit_time - :window_h * INTERVAL '1 hour'
      AND r.report_time <= v.visit_time + :window_h * INTERVAL '1 hour');
