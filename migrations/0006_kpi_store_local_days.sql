-- KPI days become the store's calendar days (stores.timezone) instead of UTC days: a consultation at
-- 21:30 in New York is that evening's, not the next UTC day's. store_day(iso, zone) is registered by
-- src-main/db/open.ts on every connection. The triggers of 0003 are re-created with the new day
-- expression and the three KPI tables are rebuilt from what the database holds (no user data is
-- touched: they are derived tables). A store whose time zone changes has its KPI days recomputed.
DROP TRIGGER IF EXISTS `consultation_facts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultation_facts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultation_facts_au_same_day`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultation_facts_au_moved`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultations_facts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultations_facts_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultations_latency_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultations_facts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultation_messages_facts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultation_messages_latency_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultation_messages_facts_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultation_messages_facts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultation_suggestions_facts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultation_suggestions_facts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultation_suggestions_facts_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `orders_follow_up_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `orders_follow_up_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `orders_follow_up_au`;
--> statement-breakpoint
DELETE FROM consultation_facts;
--> statement-breakpoint
DELETE FROM kpi_daily;
--> statement-breakpoint
DELETE FROM kpi_latency;
--> statement-breakpoint
INSERT INTO consultation_facts (consultation_id, store_id, day, associate_id, currency,
    ended, purchased, known_ended, follow_up, purchases_with_basket, units, basket_value, rated, rated_ended, sat_sum, sat1, sat2, sat3, sat4, sat5, engaged, turns, shown, accepted, blocked, replies, fallbacks, stopped)
  SELECT c.id, c.store_id, store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)), c.associate_id, coalesce(c.currency, ''),
    c.outcome IS NOT NULL,
    c.outcome IS 'purchased',
    c.customer_id IS NOT NULL AND c.outcome IS NOT NULL,
    (c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)),
    c.outcome IS 'purchased' AND c.basket_value IS NOT NULL,
    CASE WHEN c.outcome IS 'purchased' AND c.basket_value IS NOT NULL THEN coalesce(c.basket_units, 0) ELSE 0 END,
    CASE WHEN c.outcome IS 'purchased' THEN coalesce(c.basket_value, 0) ELSE 0 END,
    c.satisfaction IS NOT NULL,
    c.satisfaction IS NOT NULL AND c.outcome IS NOT NULL,
    coalesce(c.satisfaction, 0),
    c.satisfaction IS 1,
    c.satisfaction IS 2,
    c.satisfaction IS 3,
    c.satisfaction IS 4,
    c.satisfaction IS 5,
    EXISTS (SELECT 1 FROM consultation_messages m WHERE m.consultation_id = c.id),
    (SELECT COUNT(DISTINCT m.turn) FROM consultation_messages m WHERE m.consultation_id = c.id),
    (SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.shown IS 1 AND s.grounded IS 1),
    (SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.shown IS 1 AND s.grounded IS 1 AND (s.shortlisted IS 1 OR s.bought IS 1)),
    (SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.grounded IS 0),
    (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant'),
    (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant' AND m.fallback IS NOT NULL),
    (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant' AND m.status IS 'stopped')
  FROM consultations c WHERE 1;
--> statement-breakpoint
INSERT INTO kpi_daily (store_id, day, associate_id, currency, n, ended, purchased, known_ended, follow_up, purchases_with_basket, units, basket_value, rated, rated_ended, sat_sum, sat1, sat2, sat3, sat4, sat5, engaged, turns, shown, accepted, blocked, replies, fallbacks, stopped)
  SELECT store_id, day, associate_id, currency, COUNT(*), SUM(ended), SUM(purchased), SUM(known_ended), SUM(follow_up), SUM(purchases_with_basket), SUM(units), SUM(basket_value), SUM(rated), SUM(rated_ended), SUM(sat_sum), SUM(sat1), SUM(sat2), SUM(sat3), SUM(sat4), SUM(sat5), SUM(engaged), SUM(turns), SUM(shown), SUM(accepted), SUM(blocked), SUM(replies), SUM(fallbacks), SUM(stopped)
  FROM consultation_facts GROUP BY store_id, day, associate_id, currency;
--> statement-breakpoint
INSERT INTO kpi_latency (store_id, day, associate_id, engine, first_ms, first_other, full_ms, full_other)
  SELECT c.store_id, store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)), c.associate_id, coalesce(m.engine, 'unknown'),
    coalesce(CAST(group_concat(CASE WHEN typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.first_suggestion_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.first_suggestion_ms IS NOT NULL AND NOT (typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215) THEN m.first_suggestion_ms END, ','), ''),
    coalesce(CAST(group_concat(CASE WHEN m.status IS 'complete' AND typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.full_reply_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.status IS 'complete' AND m.full_reply_ms IS NOT NULL AND NOT (typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215) THEN m.full_reply_ms END, ','), '')
  FROM consultations c JOIN consultation_messages m ON m.consultation_id = c.id AND m.role IS 'assistant'
  GROUP BY c.store_id, store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)), c.associate_id, coalesce(m.engine, 'unknown');
--> statement-breakpoint
-- consultation_facts → kpi_daily
CREATE TRIGGER `consultation_facts_ai` AFTER INSERT ON `consultation_facts` BEGIN
  INSERT INTO kpi_daily (store_id, day, associate_id, currency, n, ended, purchased, known_ended, follow_up, purchases_with_basket, units, basket_value, rated, rated_ended, sat_sum, sat1, sat2, sat3, sat4, sat5, engaged, turns, shown, accepted, blocked, replies, fallbacks, stopped)
  VALUES (new.store_id, new.day, new.associate_id, new.currency, 1, new.ended, new.purchased, new.known_ended, new.follow_up, new.purchases_with_basket, new.units, new.basket_value, new.rated, new.rated_ended, new.sat_sum, new.sat1, new.sat2, new.sat3, new.sat4, new.sat5, new.engaged, new.turns, new.shown, new.accepted, new.blocked, new.replies, new.fallbacks, new.stopped)
  ON CONFLICT (store_id, day, associate_id, currency) DO UPDATE SET n = n + 1, ended = ended + excluded.ended, purchased = purchased + excluded.purchased, known_ended = known_ended + excluded.known_ended, follow_up = follow_up + excluded.follow_up, purchases_with_basket = purchases_with_basket + excluded.purchases_with_basket, units = units + excluded.units, basket_value = basket_value + excluded.basket_value, rated = rated + excluded.rated, rated_ended = rated_ended + excluded.rated_ended, sat_sum = sat_sum + excluded.sat_sum, sat1 = sat1 + excluded.sat1, sat2 = sat2 + excluded.sat2, sat3 = sat3 + excluded.sat3, sat4 = sat4 + excluded.sat4, sat5 = sat5 + excluded.sat5, engaged = engaged + excluded.engaged, turns = turns + excluded.turns, shown = shown + excluded.shown, accepted = accepted + excluded.accepted, blocked = blocked + excluded.blocked, replies = replies + excluded.replies, fallbacks = fallbacks + excluded.fallbacks, stopped = stopped + excluded.stopped;
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_facts_ad` AFTER DELETE ON `consultation_facts` BEGIN
  UPDATE kpi_daily SET n = n - 1, ended = ended - old.ended, purchased = purchased - old.purchased, known_ended = known_ended - old.known_ended, follow_up = follow_up - old.follow_up, purchases_with_basket = purchases_with_basket - old.purchases_with_basket, units = units - old.units, basket_value = basket_value - old.basket_value, rated = rated - old.rated, rated_ended = rated_ended - old.rated_ended, sat_sum = sat_sum - old.sat_sum, sat1 = sat1 - old.sat1, sat2 = sat2 - old.sat2, sat3 = sat3 - old.sat3, sat4 = sat4 - old.sat4, sat5 = sat5 - old.sat5, engaged = engaged - old.engaged, turns = turns - old.turns, shown = shown - old.shown, accepted = accepted - old.accepted, blocked = blocked - old.blocked, replies = replies - old.replies, fallbacks = fallbacks - old.fallbacks, stopped = stopped - old.stopped
  WHERE store_id = old.store_id AND day = old.day AND associate_id = old.associate_id AND currency = old.currency;
  DELETE FROM kpi_daily WHERE store_id = old.store_id AND day = old.day AND associate_id = old.associate_id AND currency = old.currency AND n <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_facts_au_same_day` AFTER UPDATE ON `consultation_facts` WHEN old.store_id IS new.store_id AND old.day IS new.day AND old.associate_id IS new.associate_id AND old.currency IS new.currency BEGIN
  UPDATE kpi_daily SET ended = ended - old.ended + new.ended, purchased = purchased - old.purchased + new.purchased, known_ended = known_ended - old.known_ended + new.known_ended, follow_up = follow_up - old.follow_up + new.follow_up, purchases_with_basket = purchases_with_basket - old.purchases_with_basket + new.purchases_with_basket, units = units - old.units + new.units, basket_value = basket_value - old.basket_value + new.basket_value, rated = rated - old.rated + new.rated, rated_ended = rated_ended - old.rated_ended + new.rated_ended, sat_sum = sat_sum - old.sat_sum + new.sat_sum, sat1 = sat1 - old.sat1 + new.sat1, sat2 = sat2 - old.sat2 + new.sat2, sat3 = sat3 - old.sat3 + new.sat3, sat4 = sat4 - old.sat4 + new.sat4, sat5 = sat5 - old.sat5 + new.sat5, engaged = engaged - old.engaged + new.engaged, turns = turns - old.turns + new.turns, shown = shown - old.shown + new.shown, accepted = accepted - old.accepted + new.accepted, blocked = blocked - old.blocked + new.blocked, replies = replies - old.replies + new.replies, fallbacks = fallbacks - old.fallbacks + new.fallbacks, stopped = stopped - old.stopped + new.stopped
  WHERE store_id = new.store_id AND day = new.day AND associate_id = new.associate_id AND currency = new.currency;
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_facts_au_moved` AFTER UPDATE ON `consultation_facts` WHEN NOT (old.store_id IS new.store_id AND old.day IS new.day AND old.associate_id IS new.associate_id AND old.currency IS new.currency) BEGIN
  UPDATE kpi_daily SET n = n - 1, ended = ended - old.ended, purchased = purchased - old.purchased, known_ended = known_ended - old.known_ended, follow_up = follow_up - old.follow_up, purchases_with_basket = purchases_with_basket - old.purchases_with_basket, units = units - old.units, basket_value = basket_value - old.basket_value, rated = rated - old.rated, rated_ended = rated_ended - old.rated_ended, sat_sum = sat_sum - old.sat_sum, sat1 = sat1 - old.sat1, sat2 = sat2 - old.sat2, sat3 = sat3 - old.sat3, sat4 = sat4 - old.sat4, sat5 = sat5 - old.sat5, engaged = engaged - old.engaged, turns = turns - old.turns, shown = shown - old.shown, accepted = accepted - old.accepted, blocked = blocked - old.blocked, replies = replies - old.replies, fallbacks = fallbacks - old.fallbacks, stopped = stopped - old.stopped
  WHERE store_id = old.store_id AND day = old.day AND associate_id = old.associate_id AND currency = old.currency;
  DELETE FROM kpi_daily WHERE store_id = old.store_id AND day = old.day AND associate_id = old.associate_id AND currency = old.currency AND n <= 0;
  INSERT INTO kpi_daily (store_id, day, associate_id, currency, n, ended, purchased, known_ended, follow_up, purchases_with_basket, units, basket_value, rated, rated_ended, sat_sum, sat1, sat2, sat3, sat4, sat5, engaged, turns, shown, accepted, blocked, replies, fallbacks, stopped)
  VALUES (new.store_id, new.day, new.associate_id, new.currency, 1, new.ended, new.purchased, new.known_ended, new.follow_up, new.purchases_with_basket, new.units, new.basket_value, new.rated, new.rated_ended, new.sat_sum, new.sat1, new.sat2, new.sat3, new.sat4, new.sat5, new.engaged, new.turns, new.shown, new.accepted, new.blocked, new.replies, new.fallbacks, new.stopped)
  ON CONFLICT (store_id, day, associate_id, currency) DO UPDATE SET n = n + 1, ended = ended + excluded.ended, purchased = purchased + excluded.purchased, known_ended = known_ended + excluded.known_ended, follow_up = follow_up + excluded.follow_up, purchases_with_basket = purchases_with_basket + excluded.purchases_with_basket, units = units + excluded.units, basket_value = basket_value + excluded.basket_value, rated = rated + excluded.rated, rated_ended = rated_ended + excluded.rated_ended, sat_sum = sat_sum + excluded.sat_sum, sat1 = sat1 + excluded.sat1, sat2 = sat2 + excluded.sat2, sat3 = sat3 + excluded.sat3, sat4 = sat4 + excluded.sat4, sat5 = sat5 + excluded.sat5, engaged = engaged + excluded.engaged, turns = turns + excluded.turns, shown = shown + excluded.shown, accepted = accepted + excluded.accepted, blocked = blocked + excluded.blocked, replies = replies + excluded.replies, fallbacks = fallbacks + excluded.fallbacks, stopped = stopped + excluded.stopped;
END;
--> statement-breakpoint
-- consultations → their facts row (recomputed whole: cheap for one consultation), and the latency lists of its day
CREATE TRIGGER `consultations_facts_ai` AFTER INSERT ON `consultations` BEGIN
  DELETE FROM consultation_facts WHERE consultation_id = new.id;
  INSERT INTO consultation_facts (consultation_id, store_id, day, associate_id, currency,
    ended, purchased, known_ended, follow_up, purchases_with_basket, units, basket_value, rated, rated_ended, sat_sum, sat1, sat2, sat3, sat4, sat5, engaged, turns, shown, accepted, blocked, replies, fallbacks, stopped)
  SELECT c.id, c.store_id, store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)), c.associate_id, coalesce(c.currency, ''),
    c.outcome IS NOT NULL,
    c.outcome IS 'purchased',
    c.customer_id IS NOT NULL AND c.outcome IS NOT NULL,
    (c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)),
    c.outcome IS 'purchased' AND c.basket_value IS NOT NULL,
    CASE WHEN c.outcome IS 'purchased' AND c.basket_value IS NOT NULL THEN coalesce(c.basket_units, 0) ELSE 0 END,
    CASE WHEN c.outcome IS 'purchased' THEN coalesce(c.basket_value, 0) ELSE 0 END,
    c.satisfaction IS NOT NULL,
    c.satisfaction IS NOT NULL AND c.outcome IS NOT NULL,
    coalesce(c.satisfaction, 0),
    c.satisfaction IS 1,
    c.satisfaction IS 2,
    c.satisfaction IS 3,
    c.satisfaction IS 4,
    c.satisfaction IS 5,
    EXISTS (SELECT 1 FROM consultation_messages m WHERE m.consultation_id = c.id),
    (SELECT COUNT(DISTINCT m.turn) FROM consultation_messages m WHERE m.consultation_id = c.id),
    (SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.shown IS 1 AND s.grounded IS 1),
    (SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.shown IS 1 AND s.grounded IS 1 AND (s.shortlisted IS 1 OR s.bought IS 1)),
    (SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.grounded IS 0),
    (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant'),
    (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant' AND m.fallback IS NOT NULL),
    (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant' AND m.status IS 'stopped')
  FROM consultations c WHERE c.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `consultations_facts_au` AFTER UPDATE OF id, store_id, associate_id, customer_id, started_at, ended_at, outcome, basket_value, basket_units, currency, satisfaction ON `consultations` BEGIN
  DELETE FROM consultation_facts WHERE consultation_id IN (old.id, new.id);
  INSERT INTO consultation_facts (consultation_id, store_id, day, associate_id, currency,
    ended, purchased, known_ended, follow_up, purchases_with_basket, units, basket_value, rated, rated_ended, sat_sum, sat1, sat2, sat3, sat4, sat5, engaged, turns, shown, accepted, blocked, replies, fallbacks, stopped)
  SELECT c.id, c.store_id, store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)), c.associate_id, coalesce(c.currency, ''),
    c.outcome IS NOT NULL,
    c.outcome IS 'purchased',
    c.customer_id IS NOT NULL AND c.outcome IS NOT NULL,
    (c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)),
    c.outcome IS 'purchased' AND c.basket_value IS NOT NULL,
    CASE WHEN c.outcome IS 'purchased' AND c.basket_value IS NOT NULL THEN coalesce(c.basket_units, 0) ELSE 0 END,
    CASE WHEN c.outcome IS 'purchased' THEN coalesce(c.basket_value, 0) ELSE 0 END,
    c.satisfaction IS NOT NULL,
    c.satisfaction IS NOT NULL AND c.outcome IS NOT NULL,
    coalesce(c.satisfaction, 0),
    c.satisfaction IS 1,
    c.satisfaction IS 2,
    c.satisfaction IS 3,
    c.satisfaction IS 4,
    c.satisfaction IS 5,
    EXISTS (SELECT 1 FROM consultation_messages m WHERE m.consultation_id = c.id),
    (SELECT COUNT(DISTINCT m.turn) FROM consultation_messages m WHERE m.consultation_id = c.id),
    (SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.shown IS 1 AND s.grounded IS 1),
    (SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.shown IS 1 AND s.grounded IS 1 AND (s.shortlisted IS 1 OR s.bought IS 1)),
    (SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.grounded IS 0),
    (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant'),
    (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant' AND m.fallback IS NOT NULL),
    (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant' AND m.status IS 'stopped')
  FROM consultations c WHERE c.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `consultations_latency_au` AFTER UPDATE OF store_id, associate_id, started_at ON `consultations` WHEN old.store_id IS NOT new.store_id OR old.associate_id IS NOT new.associate_id OR store_day(old.started_at, (SELECT timezone FROM stores WHERE id = old.store_id)) IS NOT store_day(new.started_at, (SELECT timezone FROM stores WHERE id = new.store_id)) BEGIN
  DELETE FROM kpi_latency WHERE (store_id, day, associate_id) IN (SELECT old.store_id AS s, store_day(old.started_at, (SELECT timezone FROM stores WHERE id = old.store_id)) AS d, old.associate_id AS a);
  INSERT INTO kpi_latency (store_id, day, associate_id, engine, first_ms, first_other, full_ms, full_other)
  SELECT c.store_id, k.d, c.associate_id, coalesce(m.engine, 'unknown'),
    coalesce(CAST(group_concat(CASE WHEN typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.first_suggestion_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.first_suggestion_ms IS NOT NULL AND NOT (typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215) THEN m.first_suggestion_ms END, ','), ''),
    coalesce(CAST(group_concat(CASE WHEN m.status IS 'complete' AND typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.full_reply_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.status IS 'complete' AND m.full_reply_ms IS NOT NULL AND NOT (typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215) THEN m.full_reply_ms END, ','), '')
  FROM (SELECT old.store_id AS s, store_day(old.started_at, (SELECT timezone FROM stores WHERE id = old.store_id)) AS d, old.associate_id AS a) k
  JOIN consultations c ON c.associate_id = k.a AND c.store_id = k.s
    AND c.started_at >= date(k.d, '-1 day') AND c.started_at < date(k.d, '+2 days') AND store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)) = k.d
  JOIN consultation_messages m ON m.consultation_id = c.id AND m.role IS 'assistant'
  GROUP BY coalesce(m.engine, 'unknown');
  DELETE FROM kpi_latency WHERE (store_id, day, associate_id) IN (SELECT new.store_id AS s, store_day(new.started_at, (SELECT timezone FROM stores WHERE id = new.store_id)) AS d, new.associate_id AS a);
  INSERT INTO kpi_latency (store_id, day, associate_id, engine, first_ms, first_other, full_ms, full_other)
  SELECT c.store_id, k.d, c.associate_id, coalesce(m.engine, 'unknown'),
    coalesce(CAST(group_concat(CASE WHEN typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.first_suggestion_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.first_suggestion_ms IS NOT NULL AND NOT (typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215) THEN m.first_suggestion_ms END, ','), ''),
    coalesce(CAST(group_concat(CASE WHEN m.status IS 'complete' AND typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.full_reply_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.status IS 'complete' AND m.full_reply_ms IS NOT NULL AND NOT (typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215) THEN m.full_reply_ms END, ','), '')
  FROM (SELECT new.store_id AS s, store_day(new.started_at, (SELECT timezone FROM stores WHERE id = new.store_id)) AS d, new.associate_id AS a) k
  JOIN consultations c ON c.associate_id = k.a AND c.store_id = k.s
    AND c.started_at >= date(k.d, '-1 day') AND c.started_at < date(k.d, '+2 days') AND store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)) = k.d
  JOIN consultation_messages m ON m.consultation_id = c.id AND m.role IS 'assistant'
  GROUP BY coalesce(m.engine, 'unknown');
END;
--> statement-breakpoint
CREATE TRIGGER `consultations_facts_ad` AFTER DELETE ON `consultations` BEGIN
  DELETE FROM consultation_facts WHERE consultation_id = old.id;
  DELETE FROM kpi_latency WHERE (store_id, day, associate_id) IN (SELECT old.store_id AS s, store_day(old.started_at, (SELECT timezone FROM stores WHERE id = old.store_id)) AS d, old.associate_id AS a);
  INSERT INTO kpi_latency (store_id, day, associate_id, engine, first_ms, first_other, full_ms, full_other)
  SELECT c.store_id, k.d, c.associate_id, coalesce(m.engine, 'unknown'),
    coalesce(CAST(group_concat(CASE WHEN typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.first_suggestion_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.first_suggestion_ms IS NOT NULL AND NOT (typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215) THEN m.first_suggestion_ms END, ','), ''),
    coalesce(CAST(group_concat(CASE WHEN m.status IS 'complete' AND typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.full_reply_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.status IS 'complete' AND m.full_reply_ms IS NOT NULL AND NOT (typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215) THEN m.full_reply_ms END, ','), '')
  FROM (SELECT old.store_id AS s, store_day(old.started_at, (SELECT timezone FROM stores WHERE id = old.store_id)) AS d, old.associate_id AS a) k
  JOIN consultations c ON c.associate_id = k.a AND c.store_id = k.s
    AND c.started_at >= date(k.d, '-1 day') AND c.started_at < date(k.d, '+2 days') AND store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)) = k.d
  JOIN consultation_messages m ON m.consultation_id = c.id AND m.role IS 'assistant'
  GROUP BY coalesce(m.engine, 'unknown');
END;
--> statement-breakpoint
-- consultation_messages → turns, replies, fallbacks, stopped; latencies appended on insert, rebuilt for the day on change
CREATE TRIGGER `consultation_messages_facts_ai` AFTER INSERT ON `consultation_messages` BEGIN
  UPDATE consultation_facts SET
    engaged = 1,
    turns = turns + NOT EXISTS (SELECT 1 FROM consultation_messages m WHERE m.consultation_id = new.consultation_id AND m.turn = new.turn AND m.id <> new.id),
    replies = replies + (new.role IS 'assistant'),
    fallbacks = fallbacks + (new.role IS 'assistant' AND new.fallback IS NOT NULL),
    stopped = stopped + (new.role IS 'assistant' AND new.status IS 'stopped')
  WHERE consultation_id = new.consultation_id;
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_messages_latency_ai` AFTER INSERT ON `consultation_messages` WHEN new.role IS 'assistant' AND (new.first_suggestion_ms IS NOT NULL OR (new.status IS 'complete' AND new.full_reply_ms IS NOT NULL)) BEGIN
  INSERT INTO kpi_latency (store_id, day, associate_id, engine, first_ms, first_other, full_ms, full_other)
  SELECT c.store_id, store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)), c.associate_id, coalesce(new.engine, 'unknown'),
    CASE WHEN typeof(new.first_suggestion_ms) = 'integer' AND new.first_suggestion_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', new.first_suggestion_ms)) ELSE x'' END,
    CASE WHEN new.first_suggestion_ms IS NOT NULL AND NOT (typeof(new.first_suggestion_ms) = 'integer' AND new.first_suggestion_ms BETWEEN 0 AND 16777215) THEN CAST(new.first_suggestion_ms AS TEXT) ELSE '' END,
    CASE WHEN new.status IS 'complete' AND typeof(new.full_reply_ms) = 'integer' AND new.full_reply_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', new.full_reply_ms)) ELSE x'' END,
    CASE WHEN new.status IS 'complete' AND new.full_reply_ms IS NOT NULL AND NOT (typeof(new.full_reply_ms) = 'integer' AND new.full_reply_ms BETWEEN 0 AND 16777215) THEN CAST(new.full_reply_ms AS TEXT) ELSE '' END
  FROM consultations c WHERE c.id = new.consultation_id
  ON CONFLICT (store_id, day, associate_id, engine) DO UPDATE SET
    first_ms = CAST(first_ms || excluded.first_ms AS BLOB), full_ms = CAST(full_ms || excluded.full_ms AS BLOB),
    first_other = CASE WHEN excluded.first_other = '' THEN first_other WHEN first_other = '' THEN excluded.first_other ELSE first_other || ',' || excluded.first_other END,
    full_other = CASE WHEN excluded.full_other = '' THEN full_other WHEN full_other = '' THEN excluded.full_other ELSE full_other || ',' || excluded.full_other END;
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_messages_facts_au` AFTER UPDATE OF consultation_id, turn, role, engine, status, first_suggestion_ms, full_reply_ms, fallback ON `consultation_messages` BEGIN
  UPDATE consultation_facts SET
    engaged = EXISTS (SELECT 1 FROM consultation_messages m WHERE m.consultation_id = old.consultation_id),
    turns = (SELECT COUNT(DISTINCT m.turn) FROM consultation_messages m WHERE m.consultation_id = old.consultation_id),
    replies = (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = old.consultation_id AND m.role IS 'assistant'),
    fallbacks = (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = old.consultation_id AND m.role IS 'assistant' AND m.fallback IS NOT NULL),
    stopped = (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = old.consultation_id AND m.role IS 'assistant' AND m.status IS 'stopped')
  WHERE consultation_id = old.consultation_id;
  UPDATE consultation_facts SET
    engaged = EXISTS (SELECT 1 FROM consultation_messages m WHERE m.consultation_id = new.consultation_id),
    turns = (SELECT COUNT(DISTINCT m.turn) FROM consultation_messages m WHERE m.consultation_id = new.consultation_id),
    replies = (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = new.consultation_id AND m.role IS 'assistant'),
    fallbacks = (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = new.consultation_id AND m.role IS 'assistant' AND m.fallback IS NOT NULL),
    stopped = (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = new.consultation_id AND m.role IS 'assistant' AND m.status IS 'stopped')
  WHERE consultation_id = new.consultation_id;
  DELETE FROM kpi_latency WHERE (store_id, day, associate_id) IN (SELECT store_id AS s, store_day(started_at, (SELECT timezone FROM stores WHERE id = consultations.store_id)) AS d, associate_id AS a FROM consultations WHERE id = old.consultation_id);
  INSERT INTO kpi_latency (store_id, day, associate_id, engine, first_ms, first_other, full_ms, full_other)
  SELECT c.store_id, k.d, c.associate_id, coalesce(m.engine, 'unknown'),
    coalesce(CAST(group_concat(CASE WHEN typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.first_suggestion_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.first_suggestion_ms IS NOT NULL AND NOT (typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215) THEN m.first_suggestion_ms END, ','), ''),
    coalesce(CAST(group_concat(CASE WHEN m.status IS 'complete' AND typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.full_reply_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.status IS 'complete' AND m.full_reply_ms IS NOT NULL AND NOT (typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215) THEN m.full_reply_ms END, ','), '')
  FROM (SELECT store_id AS s, store_day(started_at, (SELECT timezone FROM stores WHERE id = consultations.store_id)) AS d, associate_id AS a FROM consultations WHERE id = old.consultation_id) k
  JOIN consultations c ON c.associate_id = k.a AND c.store_id = k.s
    AND c.started_at >= date(k.d, '-1 day') AND c.started_at < date(k.d, '+2 days') AND store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)) = k.d
  JOIN consultation_messages m ON m.consultation_id = c.id AND m.role IS 'assistant'
  GROUP BY coalesce(m.engine, 'unknown');
  DELETE FROM kpi_latency WHERE (store_id, day, associate_id) IN (SELECT store_id AS s, store_day(started_at, (SELECT timezone FROM stores WHERE id = consultations.store_id)) AS d, associate_id AS a FROM consultations WHERE id = new.consultation_id);
  INSERT INTO kpi_latency (store_id, day, associate_id, engine, first_ms, first_other, full_ms, full_other)
  SELECT c.store_id, k.d, c.associate_id, coalesce(m.engine, 'unknown'),
    coalesce(CAST(group_concat(CASE WHEN typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.first_suggestion_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.first_suggestion_ms IS NOT NULL AND NOT (typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215) THEN m.first_suggestion_ms END, ','), ''),
    coalesce(CAST(group_concat(CASE WHEN m.status IS 'complete' AND typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.full_reply_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.status IS 'complete' AND m.full_reply_ms IS NOT NULL AND NOT (typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215) THEN m.full_reply_ms END, ','), '')
  FROM (SELECT store_id AS s, store_day(started_at, (SELECT timezone FROM stores WHERE id = consultations.store_id)) AS d, associate_id AS a FROM consultations WHERE id = new.consultation_id) k
  JOIN consultations c ON c.associate_id = k.a AND c.store_id = k.s
    AND c.started_at >= date(k.d, '-1 day') AND c.started_at < date(k.d, '+2 days') AND store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)) = k.d
  JOIN consultation_messages m ON m.consultation_id = c.id AND m.role IS 'assistant'
  GROUP BY coalesce(m.engine, 'unknown');
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_messages_facts_ad` AFTER DELETE ON `consultation_messages` BEGIN
  UPDATE consultation_facts SET
    engaged = EXISTS (SELECT 1 FROM consultation_messages m WHERE m.consultation_id = old.consultation_id),
    turns = (SELECT COUNT(DISTINCT m.turn) FROM consultation_messages m WHERE m.consultation_id = old.consultation_id),
    replies = (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = old.consultation_id AND m.role IS 'assistant'),
    fallbacks = (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = old.consultation_id AND m.role IS 'assistant' AND m.fallback IS NOT NULL),
    stopped = (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = old.consultation_id AND m.role IS 'assistant' AND m.status IS 'stopped')
  WHERE consultation_id = old.consultation_id;
  DELETE FROM kpi_latency WHERE (store_id, day, associate_id) IN (SELECT store_id AS s, store_day(started_at, (SELECT timezone FROM stores WHERE id = consultations.store_id)) AS d, associate_id AS a FROM consultations WHERE id = old.consultation_id);
  INSERT INTO kpi_latency (store_id, day, associate_id, engine, first_ms, first_other, full_ms, full_other)
  SELECT c.store_id, k.d, c.associate_id, coalesce(m.engine, 'unknown'),
    coalesce(CAST(group_concat(CASE WHEN typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.first_suggestion_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.first_suggestion_ms IS NOT NULL AND NOT (typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215) THEN m.first_suggestion_ms END, ','), ''),
    coalesce(CAST(group_concat(CASE WHEN m.status IS 'complete' AND typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.full_reply_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.status IS 'complete' AND m.full_reply_ms IS NOT NULL AND NOT (typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215) THEN m.full_reply_ms END, ','), '')
  FROM (SELECT store_id AS s, store_day(started_at, (SELECT timezone FROM stores WHERE id = consultations.store_id)) AS d, associate_id AS a FROM consultations WHERE id = old.consultation_id) k
  JOIN consultations c ON c.associate_id = k.a AND c.store_id = k.s
    AND c.started_at >= date(k.d, '-1 day') AND c.started_at < date(k.d, '+2 days') AND store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)) = k.d
  JOIN consultation_messages m ON m.consultation_id = c.id AND m.role IS 'assistant'
  GROUP BY coalesce(m.engine, 'unknown');
END;
--> statement-breakpoint
-- consultation_suggestions → shown, accepted, blocked (each row adds its 0/1s)
CREATE TRIGGER `consultation_suggestions_facts_ai` AFTER INSERT ON `consultation_suggestions` BEGIN
  UPDATE consultation_facts SET
    shown = shown + (new.shown IS 1 AND new.grounded IS 1),
    accepted = accepted + (new.shown IS 1 AND new.grounded IS 1 AND (new.shortlisted IS 1 OR new.bought IS 1)),
    blocked = blocked + (new.grounded IS 0)
  WHERE consultation_id = new.consultation_id;
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_suggestions_facts_ad` AFTER DELETE ON `consultation_suggestions` BEGIN
  UPDATE consultation_facts SET
    shown = shown - (old.shown IS 1 AND old.grounded IS 1),
    accepted = accepted - (old.shown IS 1 AND old.grounded IS 1 AND (old.shortlisted IS 1 OR old.bought IS 1)),
    blocked = blocked - (old.grounded IS 0)
  WHERE consultation_id = old.consultation_id;
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_suggestions_facts_au` AFTER UPDATE OF consultation_id, grounded, shown, shortlisted, bought ON `consultation_suggestions` BEGIN
  UPDATE consultation_facts SET
    shown = shown - (old.shown IS 1 AND old.grounded IS 1),
    accepted = accepted - (old.shown IS 1 AND old.grounded IS 1 AND (old.shortlisted IS 1 OR old.bought IS 1)),
    blocked = blocked - (old.grounded IS 0)
  WHERE consultation_id = old.consultation_id;
  UPDATE consultation_facts SET
    shown = shown + (new.shown IS 1 AND new.grounded IS 1),
    accepted = accepted + (new.shown IS 1 AND new.grounded IS 1 AND (new.shortlisted IS 1 OR new.bought IS 1)),
    blocked = blocked + (new.grounded IS 0)
  WHERE consultation_id = new.consultation_id;
END;
--> statement-breakpoint
-- orders → the 14-day follow-up flag of that customer's consultations
CREATE TRIGGER `orders_follow_up_ai` AFTER INSERT ON `orders` WHEN new.customer_id IS NOT NULL BEGIN
  UPDATE consultation_facts SET follow_up = (SELECT (c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)) FROM consultations c WHERE c.id = consultation_facts.consultation_id)
  WHERE consultation_id IN (SELECT id FROM consultations WHERE customer_id = new.customer_id)
    AND follow_up IS NOT (SELECT (c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)) FROM consultations c WHERE c.id = consultation_facts.consultation_id);
END;
--> statement-breakpoint
CREATE TRIGGER `orders_follow_up_ad` AFTER DELETE ON `orders` WHEN old.customer_id IS NOT NULL BEGIN
  UPDATE consultation_facts SET follow_up = (SELECT (c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)) FROM consultations c WHERE c.id = consultation_facts.consultation_id)
  WHERE consultation_id IN (SELECT id FROM consultations WHERE customer_id = old.customer_id)
    AND follow_up IS NOT (SELECT (c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)) FROM consultations c WHERE c.id = consultation_facts.consultation_id);
END;
--> statement-breakpoint
CREATE TRIGGER `orders_follow_up_au` AFTER UPDATE OF customer_id, placed_at ON `orders` BEGIN
  UPDATE consultation_facts SET follow_up = (SELECT (c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)) FROM consultations c WHERE c.id = consultation_facts.consultation_id)
  WHERE consultation_id IN (SELECT id FROM consultations WHERE customer_id = old.customer_id)
    AND follow_up IS NOT (SELECT (c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)) FROM consultations c WHERE c.id = consultation_facts.consultation_id);
  UPDATE consultation_facts SET follow_up = (SELECT (c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)) FROM consultations c WHERE c.id = consultation_facts.consultation_id)
  WHERE consultation_id IN (SELECT id FROM consultations WHERE customer_id = new.customer_id)
    AND follow_up IS NOT (SELECT (c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)) FROM consultations c WHERE c.id = consultation_facts.consultation_id);
END;
--> statement-breakpoint
-- stores.timezone → every KPI day of that store (touching started_at re-runs the consultation triggers)
CREATE TRIGGER `stores_timezone_au` AFTER UPDATE OF timezone ON `stores` WHEN old.timezone IS NOT new.timezone BEGIN
  UPDATE consultations SET started_at = started_at WHERE store_id = new.id;
  DELETE FROM kpi_latency WHERE store_id = new.id;
  INSERT INTO kpi_latency (store_id, day, associate_id, engine, first_ms, first_other, full_ms, full_other)
  SELECT c.store_id, store_day(c.started_at, new.timezone), c.associate_id, coalesce(m.engine, 'unknown'),
    coalesce(CAST(group_concat(CASE WHEN typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.first_suggestion_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.first_suggestion_ms IS NOT NULL AND NOT (typeof(m.first_suggestion_ms) = 'integer' AND m.first_suggestion_ms BETWEEN 0 AND 16777215) THEN m.first_suggestion_ms END, ','), ''),
    coalesce(CAST(group_concat(CASE WHEN m.status IS 'complete' AND typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215 THEN unhex(printf('%06X', m.full_reply_ms)) END, '') AS BLOB), x''),
    coalesce(group_concat(CASE WHEN m.status IS 'complete' AND m.full_reply_ms IS NOT NULL AND NOT (typeof(m.full_reply_ms) = 'integer' AND m.full_reply_ms BETWEEN 0 AND 16777215) THEN m.full_reply_ms END, ','), '')
  FROM consultations c JOIN consultation_messages m ON m.consultation_id = c.id AND m.role IS 'assistant'
  WHERE c.store_id = new.id
  GROUP BY store_day(c.started_at, new.timezone), c.associate_id, coalesce(m.engine, 'unknown');
END;
