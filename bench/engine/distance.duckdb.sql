-- (c) Within 100 m with a hand-written grid: cells of 0.002 degrees (>= 100 m in latitude,
-- and in longitude below 63 degrees north; the data stay below 46), each school joined to
-- the vendors of its cell and the 8 around it, then the exact haversine of Tutela's
-- haversine_m (earth radius 6 371 008.8 m, same operation order).
WITH o(d) AS (VALUES (-1), (0), (1)),
v AS (
  SELECT lat, lon, CAST(floor(lat / 0.002) AS BIGINT) AS cy, CAST(floor(lon / 0.002) AS BIGINT) AS cx
  FROM institutions
  WHERE type IN ('tobacco_retailer', 'lottery', 'bar', 'entertainment')
    AND lat IS NOT NULL AND lon IS NOT NULL),
s AS (
  SELECT lat, lon, CAST(floor(lat / 0.002) AS BIGINT) + dy.d AS cy,
         CAST(floor(lon / 0.002) AS BIGINT) + dx.d AS cx
  FROM institutions, o AS dy, o AS dx
  WHERE type IN ('kindergarten', 'primary_school', 'middle_school', 'high_school')
    AND lat IS NOT NULL AND lon IS NOT NULL),
m AS (
  SELECT 2 * 6371008.8 * asin(sqrt(least(1.0, greatest(0.0,
           pow(sin((radians(s.lat) - radians(v.lat)) / 2), 2)
           + cos(radians(v.lat)) * cos(radians(s.lat))
             * pow(sin((radians(s.lon) - radians(v.lon)) / 2), 2))))) AS dist
  FROM s JOIN v ON v.cy = s.cy AND v.cx = s.cx)
SELECT count(*) AS n, sum(dist) AS sum_m FROM m WHERE dist <= 100
