-- netcafe_minor.too_close_to_school for DuckDB, with a hand-written grid as for
-- vendor_near_school: cells of 0.004 degrees (>= 200 m below 63 degrees north), 3 x 3
-- neighbourhood, then the exact haversine_m(...) <= 200 of the model.
WITH o(d) AS (VALUES (-1), (0), (1)),
c AS (
  SELECT institution_id, regulator, _row, lat, lon,
         CAST(floor(lat / 0.004) AS BIGINT) AS cy, CAST(floor(lon / 0.004) AS BIGINT) AS cx
  FROM institutions
  WHERE type = 'internet_cafe' AND lat IS NOT NULL AND lon IS NOT NULL),
s AS (
  SELECT institution_id, _row, lat, lon,
         CAST(floor(lat / 0.004) AS BIGINT) + dy.d AS cy, CAST(floor(lon / 0.004) AS BIGINT) + dx.d AS cx
  FROM institutions, o AS dy, o AS dx
  WHERE type IN ('primary_school', 'middle_school', 'high_school')
    AND lat IS NOT NULL AND lon IS NOT NULL)
SELECT c.institution_id AS cafe_id, s.institution_id AS school_id, c.regulator,
       c._row AS ev_cafe, s._row AS ev_school
FROM s JOIN c ON c.cy = s.cy AND c.cx = s.cx
WHERE haversine_m(c.lat, c.lon, s.lat, s.lon) <= 200
