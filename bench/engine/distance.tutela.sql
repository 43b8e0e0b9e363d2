-- (c) Within 100 m: vendor-type institutions near schools (near_school_vendor's condition).
SELECT count(*) AS n, sum(haversine_m(v.lat, v.lon, s.lat, s.lon)) AS sum_m
FROM institutions v
CROSS JOIN institutions s
WHERE v.type IN ('tobacco_retailer', 'lottery', 'bar', 'entertainment')
  AND s.type IN ('kindergarten', 'primary_school', 'middle_school', 'high_school')
  AND haversine_m(v.lat, v.lon, s.lat, s.lon) <= 100
