-- Serving, continued: the actor network, name filters and the newest documents without reading
-- every row.
CREATE INDEX IF NOT EXISTS documents_newest ON documents(
    COALESCE(published, reference_date) IS NULL, COALESCE(published, reference_date) DESC, id
);
-- Dyads (a resolved actor-side party, a resolved recipient-side party) per month and type;
-- the network reads whole months here and only the days at the edges of a range from events.
CREATE TABLE IF NOT EXISTS dyad_counts (
    month TEXT NOT NULL,
    event TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    actor TEXT, actor_code TEXT, recipient TEXT, recipient_code TEXT,
    n INTEGER NOT NULL,
    PRIMARY KEY (month, event, actor_id, recipient_id)
) WITHOUT ROWID;

-- Every party name once, so a name filter looks the names up here, not in every party row.
CREATE TABLE IF NOT EXISTS party_names (name TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_parties_name ON event_parties(name, role, event_id);

INSERT OR IGNORE INTO party_names SELECT DISTINCT name FROM event_parties WHERE name IS NOT NULL;
DELETE FROM dyad_counts;
INSERT INTO dyad_counts
SELECT substr(a.date, 1, 7), a.event, a.actor_id, r.actor_id, MAX(a.name), MAX(a.code),
       MAX(r.name), MAX(r.code), COUNT(*)
FROM event_parties a JOIN event_parties r ON r.event_id = a.event_id AND r.role = 'recipient'
WHERE a.role = 'actor' AND a.actor_id IS NOT NULL AND r.actor_id IS NOT NULL
  AND a.actor_id != r.actor_id AND a.date IS NOT NULL
GROUP BY 1, 2, 3, 4;

-- Events written from now on (read from the record itself: triggers on one table fire in no
-- promised order, so these do not rely on 0006_serving_indexes' tables being filled first).
-- A side is its first member plus the others: json_insert appends the one to the list.
CREATE TRIGGER IF NOT EXISTS events_network_ai AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO party_names
    SELECT json_extract(p.value, '$.name') FROM json_each(json_insert(IFNULL(new.record -> '$.co_actors', '[]'), '$[#]', new.record -> '$.actor')) p
    WHERE json_extract(p.value, '$.name') IS NOT NULL
    UNION SELECT json_extract(p.value, '$.name') FROM json_each(json_insert(IFNULL(new.record -> '$.co_recipients', '[]'), '$[#]', new.record -> '$.recipient')) p
    WHERE json_extract(p.value, '$.name') IS NOT NULL;
    INSERT INTO dyad_counts
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

-- A replaced (INSERT OR REPLACE) or deleted event takes its dyads back.
CREATE TRIGGER IF NOT EXISTS events_network_bi BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE id = new.id) BEGIN
    UPDATE dyad_counts SET n = n - 1
    WHERE (month, event, actor_id, recipient_id) IN (
        SELECT substr(o.date, 1, 7), o.event, json_extract(a.value, '$.id'),
               json_extract(r.value, '$.id')
        FROM (SELECT date, event, record FROM events WHERE id = new.id) o,
             json_each(json_insert(IFNULL(o.record -> '$.co_actors', '[]'), '$[#]', o.record -> '$.actor')) a,
             json_each(json_insert(IFNULL(o.record -> '$.co_recipients', '[]'), '$[#]', o.record -> '$.recipient')) r
        WHERE o.date IS NOT NULL AND json_extract(a.value, '$.id') IS NOT NULL AND json_extract(r.value, '$.id') IS NOT NULL
      AND json_extract(a.value, '$.id') != json_extract(r.value, '$.id'));
END;
CREATE TRIGGER IF NOT EXISTS events_network_bd BEFORE DELETE ON events BEGIN
    UPDATE dyad_counts SET n = n - 1
    WHERE (month, event, actor_id, recipient_id) IN (
        SELECT substr(o.date, 1, 7), o.event, json_extract(a.value, '$.id'),
               json_extract(r.value, '$.id')
        FROM (SELECT date, event, record FROM events WHERE id = old.id) o,
             json_each(json_insert(IFNULL(o.record -> '$.co_actors', '[]'), '$[#]', o.record -> '$.actor')) a,
             json_each(json_insert(IFNULL(o.record -> '$.co_recipients', '[]'), '$[#]', o.record -> '$.recipient')) r
        WHERE o.date IS NOT NULL AND json_extract(a.value, '$.id') IS NOT NULL AND json_extract(r.value, '$.id') IS NOT NULL
      AND json_extract(a.value, '$.id') != json_extract(r.value, '$.id'));
END;
