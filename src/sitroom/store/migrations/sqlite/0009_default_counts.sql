-- The default dataset's own summaries: what a listing shows unless widened (a resolved
-- political side, no flag, a confidence of at least 0.5, as `queries.DEFAULT_VIEW`), counted
-- per day, type and country and per month and dyad, so the dashboard's first view reads a few
-- thousand rows, never a million events. The same shapes as event_counts and dyad_counts.
CREATE TABLE IF NOT EXISTS default_counts (
    day TEXT NOT NULL,
    event TEXT NOT NULL,
    code TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (code, day, event)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS default_dyads (
    month TEXT NOT NULL,
    event TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    actor TEXT, actor_code TEXT, recipient TEXT, recipient_code TEXT,
    n INTEGER NOT NULL,
    PRIMARY KEY (month, event, actor_id, recipient_id)
) WITHOUT ROWID;

-- The events already stored (the serving tables of 0006 hold their parties and countries).
DELETE FROM default_counts;
INSERT INTO default_counts (day, event, code, n)
SELECT IFNULL(date, ''), event, '', COUNT(*) FROM events
WHERE political = 1 AND negated = 0 AND hypothetical = 0 AND future = 0 AND historical = 0
  AND confidence >= 0.5
GROUP BY 1, 2;
INSERT INTO default_counts (day, event, code, n)
SELECT IFNULL(c.date, ''), c.event, c.code, COUNT(*)
FROM event_countries c JOIN events e ON e.id = c.event_id
WHERE e.political = 1 AND e.negated = 0 AND e.hypothetical = 0 AND e.future = 0
  AND e.historical = 0 AND e.confidence >= 0.5
GROUP BY 1, 2, 3;
DELETE FROM default_dyads;
INSERT INTO default_dyads
SELECT substr(a.date, 1, 7), a.event, a.actor_id, r.actor_id, MAX(a.name), MAX(a.code),
       MAX(r.name), MAX(r.code), COUNT(*)
FROM event_parties a JOIN event_parties r ON r.event_id = a.event_id AND r.role = 'recipient'
JOIN events e ON e.id = a.event_id
WHERE a.role = 'actor' AND a.actor_id IS NOT NULL AND r.actor_id IS NOT NULL
  AND a.actor_id != r.actor_id AND a.date IS NOT NULL
  AND e.political = 1 AND e.negated = 0 AND e.hypothetical = 0 AND e.future = 0
  AND e.historical = 0 AND e.confidence >= 0.5
GROUP BY 1, 2, 3, 4;

-- Events written from now on. Triggers on one table fire in no promised order, so each reads
-- the countries and parties from the record itself, as 0006_serving_summaries does: every
-- code of a side's members, and the place's country, once each.
CREATE TRIGGER IF NOT EXISTS events_default_ai AFTER INSERT ON events
WHEN new.political = 1 AND new.negated = 0 AND new.hypothetical = 0 AND new.future = 0
     AND new.historical = 0 AND new.confidence >= 0.5
BEGIN
    INSERT INTO default_counts (day, event, code, n)
    SELECT IFNULL(new.date, ''), new.event, code, 1 FROM (
        SELECT '' AS code
        UNION SELECT json_extract(p.value, '$.code') FROM json_each(json_insert(IFNULL(new.record -> '$.co_actors', '[]'), '$[#]', new.record -> '$.actor')) p
        UNION SELECT json_extract(p.value, '$.code') FROM json_each(json_insert(IFNULL(new.record -> '$.co_recipients', '[]'), '$[#]', new.record -> '$.recipient')) p
        UNION SELECT json_extract(new.record, '$.location.country')
    ) WHERE code IS NOT NULL
    ON CONFLICT (code, day, event) DO UPDATE SET n = n + 1;
    INSERT INTO default_dyads
    SELECT substr(new.date, 1, 7), new.event, json_extract(a.value, '$.id'),
           json_extract(r.value, '$.id'), json_extract(a.value, '$.name'),
           json_extract(a.value, '$.code'), json_extract(r.value, '$.name'),
           json_extract(r.value, '$.code'), 1
    FROM json_each(json_insert(IFNULL(new.record -> '$.co_actors', '[]'), '$[#]', new.record -> '$.actor')) a,
         json_each(json_insert(IFNULL(new.record -> '$.co_recipients', '[]'), '$[#]', new.record -> '$.recipient')) r
    WHERE new.date IS NOT NULL AND json_extract(a.value, '$.id') IS NOT NULL AND json_extract(r.value, '$.id') IS NOT NULL
      AND json_extract(a.value, '$.id') != json_extract(r.value, '$.id')
    ON CONFLICT (month, event, actor_id, recipient_id) DO UPDATE SET n = n + 1;
END;

-- A replaced (INSERT OR REPLACE: no delete trigger fires) or deleted event takes back what it
-- counted.
CREATE TRIGGER IF NOT EXISTS events_default_bi BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE id = new.id AND political = 1 AND negated = 0
             AND hypothetical = 0 AND future = 0 AND historical = 0 AND confidence >= 0.5)
BEGIN
    UPDATE default_counts SET n = n - 1
    WHERE (day, event) = (SELECT IFNULL(date, ''), event FROM events WHERE id = new.id)
      AND code IN (
        SELECT '' UNION SELECT json_extract(p.value, '$.code') FROM events o, json_each(json_insert(IFNULL(o.record -> '$.co_actors', '[]'), '$[#]', o.record -> '$.actor')) p WHERE o.id = new.id
        UNION SELECT json_extract(p.value, '$.code') FROM events o, json_each(json_insert(IFNULL(o.record -> '$.co_recipients', '[]'), '$[#]', o.record -> '$.recipient')) p WHERE o.id = new.id
        UNION SELECT json_extract(record, '$.location.country') FROM events WHERE id = new.id);
    UPDATE default_dyads SET n = n - 1
    WHERE (month, event, actor_id, recipient_id) IN (
        SELECT substr(o.date, 1, 7), o.event, json_extract(a.value, '$.id'),
               json_extract(r.value, '$.id')
        FROM (SELECT date, event, record FROM events WHERE id = new.id) o,
             json_each(json_insert(IFNULL(o.record -> '$.co_actors', '[]'), '$[#]', o.record -> '$.actor')) a,
             json_each(json_insert(IFNULL(o.record -> '$.co_recipients', '[]'), '$[#]', o.record -> '$.recipient')) r
        WHERE o.date IS NOT NULL AND json_extract(a.value, '$.id') IS NOT NULL AND json_extract(r.value, '$.id') IS NOT NULL
      AND json_extract(a.value, '$.id') != json_extract(r.value, '$.id'));
END;
CREATE TRIGGER IF NOT EXISTS events_default_ad AFTER DELETE ON events
WHEN old.political = 1 AND old.negated = 0 AND old.hypothetical = 0 AND old.future = 0
     AND old.historical = 0 AND old.confidence >= 0.5
BEGIN
    UPDATE default_counts SET n = n - 1
    WHERE day = IFNULL(old.date, '') AND event = old.event AND code IN (
        SELECT '' UNION SELECT json_extract(p.value, '$.code') FROM json_each(json_insert(IFNULL(old.record -> '$.co_actors', '[]'), '$[#]', old.record -> '$.actor')) p
        UNION SELECT json_extract(p.value, '$.code') FROM json_each(json_insert(IFNULL(old.record -> '$.co_recipients', '[]'), '$[#]', old.record -> '$.recipient')) p
        UNION SELECT json_extract(old.record, '$.location.country'));
    UPDATE default_dyads SET n = n - 1
    WHERE (month, event, actor_id, recipient_id) IN (
        SELECT substr(old.date, 1, 7), old.event, json_extract(a.value, '$.id'),
               json_extract(r.value, '$.id')
        FROM json_each(json_insert(IFNULL(old.record -> '$.co_actors', '[]'), '$[#]', old.record -> '$.actor')) a,
             json_each(json_insert(IFNULL(old.record -> '$.co_recipients', '[]'), '$[#]', old.record -> '$.recipient')) r
        WHERE old.date IS NOT NULL AND json_extract(a.value, '$.id') IS NOT NULL AND json_extract(r.value, '$.id') IS NOT NULL
      AND json_extract(a.value, '$.id') != json_extract(r.value, '$.id'));
END;

-- Whether a party's event is in the default dataset, so that an actor's events, or those of a
-- name, are counted and put on a timeline from event_parties alone, along an index.
ALTER TABLE event_parties ADD COLUMN shown INTEGER NOT NULL DEFAULT 0;
UPDATE event_parties SET shown = 1 WHERE event_id IN (
    SELECT id FROM events WHERE political = 1 AND negated = 0 AND hypothetical = 0
    AND future = 0 AND historical = 0 AND confidence >= 0.5);
DROP INDEX IF EXISTS event_parties_actor_events;
CREATE INDEX event_parties_actor_events
    ON event_parties(actor_id, event_id, role, event, date, shown);
DROP INDEX IF EXISTS event_parties_name;
CREATE INDEX event_parties_name ON event_parties(name, role, event_id, event, date, shown);
-- Party rows are written by the triggers of 0006 after their event: it is there to read.
CREATE TRIGGER IF NOT EXISTS event_parties_shown_ai AFTER INSERT ON event_parties
WHEN EXISTS (SELECT 1 FROM events WHERE id = new.event_id AND political = 1 AND negated = 0
             AND hypothetical = 0 AND future = 0 AND historical = 0 AND confidence >= 0.5)
BEGIN
    UPDATE event_parties SET shown = 1 WHERE rowid = new.rowid;
END;
