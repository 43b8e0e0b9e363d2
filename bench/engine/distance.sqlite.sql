-- (c) Within 100 m in SQLite: the same hand-written grid as the DuckDB query (cells of
-- 0.002 degrees, 3 x 3 neighbourhood; MATERIALIZED so that SQLite builds an automatic index
-- on the vendor cells), then the exact haversine with SQLite's math functions.
WITH o(d) AS (VALUES (-1), (0), (1)),
v AS MATERIALIZED (
  SELECT lat, lon, CAST(floor(lat / 0.002) AS INTEGER) AS cy, CAST(floor(lon / 0.002) AS INTEGER) AS cx
  FROM institutions
  WHERE type IN ('tobacco_retailer', 'lottery', 'bar', 'entertainment')
    AND lat IS NOT NULL AND lon IS NOT NULL),
s AS MATERIALIZED (
  SELECT lat, lon, CAST(floor(lat / 0.002) AS INTEGER) + dy.d AS cy,
         CAST(floor(lon / 0.002) AS INTEGER) + dx.d AS cx
  FROM institutions, o AS dy, o AS dx
  WHERE type IN ('kindergarten', 'primary_school', 'middle_school', 'high_school')
    AND lat IS NOT NULL AND lon IS NOT NULL),
m AS (
  SELECT 2 * 6371008.8 * asin(sqrt(min(1.0, max(0.0,
           pow(sin((radians(s.lat) - radians(v.lat)) / 2), 2)
           + cos(radians(v.lat)) * cos(radians(s.lat))
             * pow(sin((radians(s.lon) - radians(v.lon)) / 2), 2))))) AS dist
  FROM s JOIN v ON v.cy = s.cy AND v.cx = s.cx)
SELECT count(*) AS n, sum(dist) AS sum_m FROM m WHERE dist <= 100
