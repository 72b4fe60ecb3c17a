/**
 * The KPI facts: what one consultation adds to each kept KPI figure, as one list. Every trigger that keeps
 * consultation_facts, kpi_daily and kpi_latency (see README.md) is generated from it by kpiTriggerStatements(),
 * and scripts/gen-kpi-triggers.mjs writes them into a custom drizzle-kit migration, so adding a KPI is: add a
 * fact here (and its column to consultation_facts and kpi_daily in db/schema.ts), then generate.
 * tests/unit/review/kpi-trigger-generator.test.ts checks the newest triggers in migrations/ equal this output.
 */

export interface KpiFact {
  /** the column in consultation_facts and kpi_daily */
  column: string;
  /** its value for one consultation `c`, in SQLite */
  sql: string;
}

export const KPI_FACTS: readonly KpiFact[] = [
  { column: 'ended', sql: 'c.outcome IS NOT NULL' },
  { column: 'purchased', sql: "c.outcome IS 'purchased'" },
  { column: 'known_ended', sql: 'c.customer_id IS NOT NULL AND c.outcome IS NOT NULL' },
  {
    column: 'follow_up',
    sql: `(c.customer_id IS NOT NULL AND c.outcome IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
        AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14))`,
  },
  { column: 'purchases_with_basket', sql: "c.outcome IS 'purchased' AND c.basket_value IS NOT NULL" },
  {
    column: 'units',
    sql: "CASE WHEN c.outcome IS 'purchased' AND c.basket_value IS NOT NULL THEN coalesce(c.basket_units, 0) ELSE 0 END",
  },
  { column: 'basket_value', sql: "CASE WHEN c.outcome IS 'purchased' THEN coalesce(c.basket_value, 0) ELSE 0 END" },
  { column: 'rated', sql: 'c.satisfaction IS NOT NULL' },
  { column: 'rated_ended', sql: 'c.satisfaction IS NOT NULL AND c.outcome IS NOT NULL' },
  { column: 'sat_sum', sql: 'coalesce(c.satisfaction, 0)' },
  { column: 'sat1', sql: 'c.satisfaction IS 1' },
  { column: 'sat2', sql: 'c.satisfaction IS 2' },
  { column: 'sat3', sql: 'c.satisfaction IS 3' },
  { column: 'sat4', sql: 'c.satisfaction IS 4' },
  { column: 'sat5', sql: 'c.satisfaction IS 5' },
  { column: 'engaged', sql: 'EXISTS (SELECT 1 FROM consultation_messages m WHERE m.consultation_id = c.id)' },
  {
    column: 'turns',
    sql: '(SELECT COUNT(DISTINCT m.turn) FROM consultation_messages m WHERE m.consultation_id = c.id)',
  },
  {
    column: 'shown',
    sql: '(SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.shown IS 1 AND s.grounded IS 1)',
  },
  {
    column: 'accepted',
    sql: '(SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.shown IS 1 AND s.grounded IS 1 AND (s.shortlisted IS 1 OR s.bought IS 1))',
  },
  {
    column: 'blocked',
    sql: '(SELECT COUNT(*) FROM consultation_suggestions s WHERE s.consultation_id = c.id AND s.grounded IS 0)',
  },
  {
    column: 'replies',
    sql: "(SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant')",
  },
  {
    column: 'fallbacks',
    sql: "(SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant' AND m.fallback IS NOT NULL)",
  },
  {
    column: 'stopped',
    sql: "(SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role IS 'assistant' AND m.status IS 'stopped')",
  },
];

/** The pieces of SQL every trigger repeats, one per use of the fact list. */
export interface FactSql {
  /** `ended, purchased, …` */
  factColumns: string;
  /** each fact's expression on its own line, as the facts SELECT lists them */
  factExpressions: string;
  /** `new.ended, new.purchased, …` */
  newValues: string;
  /** `n = n + 1, ended = ended + excluded.ended, …` (a consultation counted into its day) */
  addExcluded: string;
  /** `n = n - 1, ended = ended - old.ended, …` (a consultation taken out of its day) */
  subtractOld: string;
  /** `ended = ended - old.ended + new.ended, …` (a consultation's facts changed within its day) */
  replaceOldWithNew: string;
}

export function factSql(facts: readonly KpiFact[] = KPI_FACTS): FactSql {
  const cols = facts.map((f) => f.column);
  return {
    factColumns: cols.join(', '),
    factExpressions: facts.map((f) => `    ${f.sql}`).join(',\n'),
    newValues: cols.map((c) => `new.${c}`).join(', '),
    addExcluded: ['n = n + 1', ...cols.map((c) => `${c} = ${c} + excluded.${c}`)].join(', '),
    subtractOld: ['n = n - 1', ...cols.map((c) => `${c} = ${c} - old.${c}`)].join(', '),
    replaceOldWithNew: cols.map((c) => `${c} = ${c} - old.${c} + new.${c}`).join(', '),
  };
}

type TriggerTemplate = (sql: FactSql, fact: (column: string) => string) => string;

/**
 * The triggers, in the order they are created. What is not a fact (which table a trigger watches, how a
 * consultation's day moves, the latency lists) is written out once here; every list of facts comes from KPI_FACTS.
 */
const TRIGGERS: readonly TriggerTemplate[] = [
  (sql, _fact) =>
    `-- consultation_facts → kpi_daily
CREATE TRIGGER \`consultation_facts_ai\` AFTER INSERT ON \`consultation_facts\` BEGIN
  INSERT INTO kpi_daily (store_id, day, associate_id, currency, n, ${sql.factColumns})
  VALUES (new.store_id, new.day, new.associate_id, new.currency, 1, ${sql.newValues})
  ON CONFLICT (store_id, day, associate_id, currency) DO UPDATE SET ${sql.addExcluded};
END;`,
  (sql, _fact) =>
    `CREATE TRIGGER \`consultation_facts_ad\` AFTER DELETE ON \`consultation_facts\` BEGIN
  UPDATE kpi_daily SET ${sql.subtractOld}
  WHERE store_id = old.store_id AND day = old.day AND associate_id = old.associate_id AND currency = old.currency;
  DELETE FROM kpi_daily WHERE store_id = old.store_id AND day = old.day AND associate_id = old.associate_id AND currency = old.currency AND n <= 0;
END;`,
  (sql, _fact) =>
    `CREATE TRIGGER \`consultation_facts_au_same_day\` AFTER UPDATE ON \`consultation_facts\` WHEN old.store_id IS new.store_id AND old.day IS new.day AND old.associate_id IS new.associate_id AND old.currency IS new.currency BEGIN
  UPDATE kpi_daily SET ${sql.replaceOldWithNew}
  WHERE store_id = new.store_id AND day = new.day AND associate_id = new.associate_id AND currency = new.currency;
END;`,
  (sql, _fact) =>
    `CREATE TRIGGER \`consultation_facts_au_moved\` AFTER UPDATE ON \`consultation_facts\` WHEN NOT (old.store_id IS new.store_id AND old.day IS new.day AND old.associate_id IS new.associate_id AND old.currency IS new.currency) BEGIN
  UPDATE kpi_daily SET ${sql.subtractOld}
  WHERE store_id = old.store_id AND day = old.day AND associate_id = old.associate_id AND currency = old.currency;
  DELETE FROM kpi_daily WHERE store_id = old.store_id AND day = old.day AND associate_id = old.associate_id AND currency = old.currency AND n <= 0;
  INSERT INTO kpi_daily (store_id, day, associate_id, currency, n, ${sql.factColumns})
  VALUES (new.store_id, new.day, new.associate_id, new.currency, 1, ${sql.newValues})
  ON CONFLICT (store_id, day, associate_id, currency) DO UPDATE SET ${sql.addExcluded};
END;`,
  (sql, _fact) =>
    `-- consultations → their facts row (recomputed whole: cheap for one consultation), and the latency lists of its day
CREATE TRIGGER \`consultations_facts_ai\` AFTER INSERT ON \`consultations\` BEGIN
  DELETE FROM consultation_facts WHERE consultation_id = new.id;
  INSERT INTO consultation_facts (consultation_id, store_id, day, associate_id, currency,
    ${sql.factColumns})
  SELECT c.id, c.store_id, store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)), c.associate_id, coalesce(c.currency, ''),
${sql.factExpressions}
  FROM consultations c WHERE c.id = new.id;
END;`,
  (sql, _fact) =>
    `CREATE TRIGGER \`consultations_facts_au\` AFTER UPDATE OF id, store_id, associate_id, customer_id, started_at, ended_at, outcome, basket_value, basket_units, currency, satisfaction ON \`consultations\` BEGIN
  DELETE FROM consultation_facts WHERE consultation_id IN (old.id, new.id);
  INSERT INTO consultation_facts (consultation_id, store_id, day, associate_id, currency,
    ${sql.factColumns})
  SELECT c.id, c.store_id, store_day(c.started_at, (SELECT timezone FROM stores WHERE id = c.store_id)), c.associate_id, coalesce(c.currency, ''),
${sql.factExpressions}
  FROM consultations c WHERE c.id = new.id;
END;`,
  (_sql, _fact) =>
    `CREATE TRIGGER \`consultations_latency_au\` AFTER UPDATE OF store_id, associate_id, started_at ON \`consultations\` WHEN old.store_id IS NOT new.store_id OR old.associate_id IS NOT new.associate_id OR store_day(old.started_at, (SELECT timezone FROM stores WHERE id = old.store_id)) IS NOT store_day(new.started_at, (SELECT timezone FROM stores WHERE id = new.store_id)) BEGIN
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
END;`,
  (_sql, _fact) =>
    `CREATE TRIGGER \`consultations_facts_ad\` AFTER DELETE ON \`consultations\` BEGIN
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
END;`,
  (_sql, _fact) =>
    `-- consultation_messages → turns, replies, fallbacks, stopped; latencies appended on insert, rebuilt for the day on change
CREATE TRIGGER \`consultation_messages_facts_ai\` AFTER INSERT ON \`consultation_messages\` BEGIN
  UPDATE consultation_facts SET
    engaged = 1,
    turns = turns + NOT EXISTS (SELECT 1 FROM consultation_messages m WHERE m.consultation_id = new.consultation_id AND m.turn = new.turn AND m.id <> new.id),
    replies = replies + (new.role IS 'assistant'),
    fallbacks = fallbacks + (new.role IS 'assistant' AND new.fallback IS NOT NULL),
    stopped = stopped + (new.role IS 'assistant' AND new.status IS 'stopped')
  WHERE consultation_id = new.consultation_id;
END;`,
  (_sql, _fact) =>
    `CREATE TRIGGER \`consultation_messages_latency_ai\` AFTER INSERT ON \`consultation_messages\` WHEN new.role IS 'assistant' AND (new.first_suggestion_ms IS NOT NULL OR (new.status IS 'complete' AND new.full_reply_ms IS NOT NULL)) BEGIN
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
END;`,
  (_sql, _fact) =>
    `CREATE TRIGGER \`consultation_messages_facts_au\` AFTER UPDATE OF consultation_id, turn, role, engine, status, first_suggestion_ms, full_reply_ms, fallback ON \`consultation_messages\` BEGIN
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
END;`,
  (_sql, _fact) =>
    `CREATE TRIGGER \`consultation_messages_facts_ad\` AFTER DELETE ON \`consultation_messages\` BEGIN
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
END;`,
  (_sql, _fact) =>
    `-- consultation_suggestions → shown, accepted, blocked (each row adds its 0/1s)
CREATE TRIGGER \`consultation_suggestions_facts_ai\` AFTER INSERT ON \`consultation_suggestions\` BEGIN
  UPDATE consultation_facts SET
    shown = shown + (new.shown IS 1 AND new.grounded IS 1),
    accepted = accepted + (new.shown IS 1 AND new.grounded IS 1 AND (new.shortlisted IS 1 OR new.bought IS 1)),
    blocked = blocked + (new.grounded IS 0)
  WHERE consultation_id = new.consultation_id;
END;`,
  (_sql, _fact) =>
    `CREATE TRIGGER \`consultation_suggestions_facts_ad\` AFTER DELETE ON \`consultation_suggestions\` BEGIN
  UPDATE consultation_facts SET
    shown = shown - (old.shown IS 1 AND old.grounded IS 1),
    accepted = accepted - (old.shown IS 1 AND old.grounded IS 1 AND (old.shortlisted IS 1 OR old.bought IS 1)),
    blocked = blocked - (old.grounded IS 0)
  WHERE consultation_id = old.consultation_id;
END;`,
  (_sql, _fact) =>
    `CREATE TRIGGER \`consultation_suggestions_facts_au\` AFTER UPDATE OF consultation_id, grounded, shown, shortlisted, bought ON \`consultation_suggestions\` BEGIN
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
END;`,
  (_sql, fact) =>
    `-- orders → the 14-day follow-up flag of that customer's consultations
CREATE TRIGGER \`orders_follow_up_ai\` AFTER INSERT ON \`orders\` WHEN new.customer_id IS NOT NULL BEGIN
  UPDATE consultation_facts SET follow_up = (SELECT ${fact('follow_up')} FROM consultations c WHERE c.id = consultation_facts.consultation_id)
  WHERE consultation_id IN (SELECT id FROM consultations WHERE customer_id = new.customer_id)
    AND follow_up IS NOT (SELECT ${fact('follow_up')} FROM consultations c WHERE c.id = consultation_facts.consultation_id);
END;`,
  (_sql, fact) =>
    `CREATE TRIGGER \`orders_follow_up_ad\` AFTER DELETE ON \`orders\` WHEN old.customer_id IS NOT NULL BEGIN
  UPDATE consultation_facts SET follow_up = (SELECT ${fact('follow_up')} FROM consultations c WHERE c.id = consultation_facts.consultation_id)
  WHERE consultation_id IN (SELECT id FROM consultations WHERE customer_id = old.customer_id)
    AND follow_up IS NOT (SELECT ${fact('follow_up')} FROM consultations c WHERE c.id = consultation_facts.consultation_id);
END;`,
  (_sql, fact) =>
    `CREATE TRIGGER \`orders_follow_up_au\` AFTER UPDATE OF customer_id, placed_at ON \`orders\` BEGIN
  UPDATE consultation_facts SET follow_up = (SELECT ${fact('follow_up')} FROM consultations c WHERE c.id = consultation_facts.consultation_id)
  WHERE consultation_id IN (SELECT id FROM consultations WHERE customer_id = old.customer_id)
    AND follow_up IS NOT (SELECT ${fact('follow_up')} FROM consultations c WHERE c.id = consultation_facts.consultation_id);
  UPDATE consultation_facts SET follow_up = (SELECT ${fact('follow_up')} FROM consultations c WHERE c.id = consultation_facts.consultation_id)
  WHERE consultation_id IN (SELECT id FROM consultations WHERE customer_id = new.customer_id)
    AND follow_up IS NOT (SELECT ${fact('follow_up')} FROM consultations c WHERE c.id = consultation_facts.consultation_id);
END;`,
  (_sql, _fact) =>
    `-- stores.timezone → every KPI day of that store (touching started_at re-runs the consultation triggers)
CREATE TRIGGER \`stores_timezone_au\` AFTER UPDATE OF timezone ON \`stores\` WHEN old.timezone IS NOT new.timezone BEGIN
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
`,
];

/** Each CREATE TRIGGER statement (with its leading comment, if any), generated from `facts`. */
export function kpiTriggerStatements(facts: readonly KpiFact[] = KPI_FACTS): string[] {
  const sql = factSql(facts);
  const fact = (column: string): string => {
    const found = facts.find((f) => f.column === column);
    if (!found) throw new Error(`a KPI trigger uses the fact "${column}", which is not in the list of facts`);
    return found.sql;
  };
  return TRIGGERS.map((t) => t(sql, fact));
}

/** The trigger's name in a CREATE TRIGGER statement. */
export function triggerName(statement: string): string {
  const m = /CREATE TRIGGER `(\w+)`/.exec(statement);
  if (!m?.[1]) throw new Error(`not a CREATE TRIGGER statement: ${statement.slice(0, 80)}`);
  return m[1];
}

/**
 * A migration that replaces every KPI trigger with the generated ones (drop, then create; one transaction, as
 * db/open.ts applies every migration). It changes no row: only the triggers that keep the figures from now on.
 */
export function kpiTriggersMigrationSql(facts: readonly KpiFact[] = KPI_FACTS): string {
  const creates = kpiTriggerStatements(facts);
  const drops = creates.map((s) => `DROP TRIGGER IF EXISTS \`${triggerName(s)}\`;`);
  const header = '-- Generated by scripts/gen-kpi-triggers.mjs from src-main/review/kpi-facts.ts: do not edit by hand.';
  const statements = [`${header}\n${drops[0] ?? ''}`, ...drops.slice(1), ...creates.map((c) => c.trimEnd())];
  return `${statements.join('\n--> statement-breakpoint\n')}\n`;
}
