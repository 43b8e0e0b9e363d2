-- (d) Exact median and 90th percentile (continuous) of the stay in seconds per hotel
-- (10 000 groups), summed so that one row checks every group.
SELECT count(*) AS groups, sum(med) AS sum_median, sum(p90) AS sum_p90
FROM (SELECT hotel_id,
             median(extract(epoch FROM checkout_time) - extract(epoch FROM checkin_time)) AS med,
             quantile(extract(epoch FROM checkout_time) - extract(epoch FROM checkin_time), 0.9)
               AS p90
      FROM hotel_checkins
      GROUP BY hotel_id) t
