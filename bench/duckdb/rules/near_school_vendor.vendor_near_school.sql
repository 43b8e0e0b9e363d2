-- near_school_vendor.vendor_near_school for DuckDB, with the grid a DuckDB user writes by hand
-- (DuckDB has no spatial join): cells of 0.002 degrees (>= 100 m below 63 degrees north),
-- each school joined to the vendors of its cell and the 8 around it, then the exact
-- haversine_m(...) <= 100 of the model. Same output columns as models/near_school_vendor.sql.
WITH o(d) AS (VALUES (-1), (0), (1)),
v AS (
  SELECT institution_id, regulator, _row, lat, lon,
         CAST(floor(lat / 0.002) AS BIGINT) AS cy, CAST(floor(lon / 0.002) AS BIGINT) AS cx
  FROM institutions
  WHERE type IN ('tobacco_retailer', 'lottery', 'bar', 'entertainment')
    AND lat IS NOT NULL AND lon IS NOT NULL),
s AS (
  SELECT institution_id, _row, lat, lon,
         CAST(floor(lat / 0.002) AS BIGINT) + dy.d AS cy, CAST(floor(lon / 0.002) AS BIGINT) + dx.d AS cx
  FROM institutions, o AS dy, o AS dx
  WHERE type IN ('kindergarten', 'primary_school', 'middle_school', 'high_school')
    AND lat IS NOT NULL AND lon IS NOT NULL)
SELECT v.institution_id AS vendor_id, s.institution_id AS school_id, v.regulator,
       v._row AS ev_vendor, s._row AS ev_school
FROM s JOIN v ON v.cy = s.cy AND v.cx = s.cx
WHERE haversine_m(v.lat, v.lon, s.lat, s.lon) <= 100
