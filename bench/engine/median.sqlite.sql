-- (d) Exact median and 90th percentile per hotel in SQLite, which has neither: number the
-- sorted values of each group (window functions), take the values at floor(p x (n - 1)) and
-- the next, interpolate linearly (= percentile_cont), then sum as the other dialects do.
WITH x AS (
  SELECT hotel_id AS g, unixepoch(checkout_time) - unixepoch(checkin_time) AS v
  FROM hotel_checkins),
r AS (
  SELECT g, v, row_number() OVER (PARTITION BY g ORDER BY v) - 1 AS i,
         count(*) OVER (PARTITION BY g) AS n
  FROM x),
k AS (
  SELECT g, v, i, (n - 1) * 0.5 AS p5, (n - 1) * 0.9 AS p9 FROM r),
q AS (
  SELECT g,
         max(CASE WHEN i = CAST(p5 AS INTEGER) THEN v END) AS lo5,
         max(CASE WHEN i = CAST(p5 AS INTEGER) + 1 THEN v END) AS hi5,
         max(p5 - CAST(p5 AS INTEGER)) AS f5,
         max(CASE WHEN i = CAST(p9 AS INTEGER) THEN v END) AS lo9,
         max(CASE WHEN i = CAST(p9 AS INTEGER) + 1 THEN v END) AS hi9,
         max(p9 - CAST(p9 AS INTEGER)) AS f9
  FROM k
  GROUP BY g)
SELECT count(*) AS groups,
       sum(lo5 + f5 * (coalesce(hi5, lo5) - lo5)) AS sum_median,
       sum(lo9 + f9 * (coalesce(hi9, lo9) - lo9)) AS sum_p90
FROM q
