-- model: near_school_vendor
-- title_zh: 学校周边烟酒彩票娱乐场所
-- title_en: Tobacco, lottery, bars and entertainment near schools
-- description_zh: 学校（幼儿园、小学、初中、高中）周边规定距离内设有烟草零售、彩票销售、酒吧或娱乐场所。法律未规定具体距离，100米为政策默认值，可按地方规定通过参数调整；无坐标的机构不参与比对。
-- description_en: Tobacco retailers, lottery outlets, bars and entertainment venues within the
-- description_en: given distance of a kindergarten, primary, middle or high school. The law sets
-- description_en: no distance: 100 m is a policy default that local rules change through the
-- description_en: parameter. Institutions without coordinates are skipped.
-- legal_basis: 未成年人保护法 第58条 | 未成年人保护法 第59条
-- requires: institutions
-- param: distance_m = 100  # 与学校的最小距离（米） / distance to a school in metres

-- rule: vendor_near_school
-- title_zh: 学校周边设置烟草、彩票、酒吧或娱乐场所
-- title_en: Vendor within the distance of a school
-- keys: vendor_id, school_id
-- department: 'public_interest'
-- severity: 'medium'
-- target: kind = 'regulator', name = regulator
-- evidence: institutions = ev_vendor, institutions = ev_school
-- Haversine great-circle distance (earth radius 6 371 008.8 m) <= :distance_m;
-- haversine_m is NULL, so the pair is skipped, when a coordinate is missing.
SELECT v.institution_id AS vendor_id,
       s.institution_id AS school_id,
       v.regulator,
       v._row AS ev_vendor,
       s._row AS ev_school
FROM institutions v
CROSS JOIN institutions s
WHERE v.type IN ('tobacco_retailer', 'lottery', 'bar', 'entertainment')
  AND s.type IN ('kindergarten', 'primary_school', 'middle_school', 'high_school')
  AND haversine_m(v.lat, v.lon, s.lat, s.lon) <= :distance_m;
