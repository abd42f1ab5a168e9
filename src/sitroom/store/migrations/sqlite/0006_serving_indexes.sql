-- Serving the API and dashboard on large databases (a million events and more).
-- Written to be harmless if applied twice (IF NOT EXISTS, backfills that skip filled tables).
-- Lists are read newest first, page by page, so each filter has an index in that order.
CREATE INDEX IF NOT EXISTS events_date_id ON events(date, id);
CREATE INDEX IF NOT EXISTS events_type_date_id ON events(event, date, id);
CREATE INDEX IF NOT EXISTS events_actor_code_date ON events(actor_code, date, id);
CREATE INDEX IF NOT EXISTS events_recipient_code_date ON events(recipient_code, date, id);

-- Every party to an event, compound members included: one row per actor or recipient.
-- Filled by the triggers below from each event's record, so the writer stays as it is.
CREATE TABLE IF NOT EXISTS event_parties (
    event_id TEXT NOT NULL,
    role TEXT NOT NULL,
    actor_id TEXT,
    name TEXT,
    code TEXT,
    event TEXT NOT NULL,
    date TEXT
);
CREATE INDEX IF NOT EXISTS event_parties_event ON event_parties(event_id);
CREATE INDEX IF NOT EXISTS event_parties_actor ON event_parties(actor_id, role, date, event_id);

-- Every country an event involves (either side's code, a member's, or where it took place),
-- once per event; the map and the country filter read this.
CREATE TABLE IF NOT EXISTS event_countries (
    event_id TEXT NOT NULL,
    code TEXT NOT NULL,
    event TEXT NOT NULL,
    date TEXT,
    PRIMARY KEY (event_id, code)
);
CREATE INDEX IF NOT EXISTS event_countries_code ON event_countries(code, date, event_id, event);

-- Pre-aggregated counts per day, type and country ('' = all events; day '' = undated).
CREATE TABLE IF NOT EXISTS event_counts (
    day TEXT NOT NULL,
    event TEXT NOT NULL,
    code TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (code, day, event)
) WITHOUT ROWID;

-- The events already stored.
INSERT INTO event_parties (event_id, role, actor_id, name, code, event, date)
SELECT e.id, 'actor', json_extract(e.record, '$.actor.id'), json_extract(e.record, '$.actor.name'),
       json_extract(e.record, '$.actor.code'), e.event, e.date
FROM events e WHERE json_type(e.record, '$.actor') = 'object'
  AND NOT EXISTS (SELECT 1 FROM event_parties);
INSERT INTO event_parties (event_id, role, actor_id, name, code, event, date)
SELECT e.id, 'recipient', json_extract(e.record, '$.recipient.id'),
       json_extract(e.record, '$.recipient.name'), json_extract(e.record, '$.recipient.code'),
       e.event, e.date
FROM events e WHERE json_type(e.record, '$.recipient') = 'object'
  AND NOT EXISTS (SELECT 1 FROM event_parties WHERE role = 'recipient');
INSERT INTO event_parties (event_id, role, actor_id, name, code, event, date)
SELECT e.id, 'actor', json_extract(j.value, '$.id'), json_extract(j.value, '$.name'),
       json_extract(j.value, '$.code'), e.event, e.date
FROM events e, json_each(e.record, '$.co_actors') j
WHERE NOT EXISTS (SELECT 1 FROM event_parties p WHERE p.event_id = e.id AND p.role = 'actor'
                  AND p.name IS json_extract(j.value, '$.name'));
INSERT INTO event_parties (event_id, role, actor_id, name, code, event, date)
SELECT e.id, 'recipient', json_extract(j.value, '$.id'), json_extract(j.value, '$.name'),
       json_extract(j.value, '$.code'), e.event, e.date
FROM events e, json_each(e.record, '$.co_recipients') j
WHERE NOT EXISTS (SELECT 1 FROM event_parties p WHERE p.event_id = e.id
                  AND p.role = 'recipient' AND p.name IS json_extract(j.value, '$.name'));
INSERT OR IGNORE INTO event_countries (event_id, code, event, date)
SELECT event_id, code, event, date FROM event_parties WHERE code IS NOT NULL AND code != '';
INSERT OR IGNORE INTO event_countries (event_id, code, event, date)
SELECT id, json_extract(record, '$.location.country'), event, date FROM events
WHERE json_extract(record, '$.location.country') IS NOT NULL
  AND json_extract(record, '$.location.country') != '';
DELETE FROM event_counts;
INSERT INTO event_counts (day, event, code, n)
SELECT IFNULL(date, ''), event, '', COUNT(*) FROM events GROUP BY 1, 2;
INSERT INTO event_counts (day, event, code, n)
SELECT IFNULL(date, ''), event, code, COUNT(*) FROM event_countries GROUP BY 1, 2, 3;

-- Events written from now on.
CREATE TRIGGER IF NOT EXISTS events_serving_ai AFTER INSERT ON events BEGIN
    INSERT INTO event_parties (event_id, role, actor_id, name, code, event, date)
    SELECT new.id, role, json_extract(value, '$.id'), json_extract(value, '$.name'),
           json_extract(value, '$.code'), new.event, new.date
    FROM (
        SELECT 'actor' AS role, json_extract(new.record, '$.actor') AS value
            WHERE json_type(new.record, '$.actor') = 'object'
        UNION ALL SELECT 'actor', value FROM json_each(new.record, '$.co_actors')
        UNION ALL SELECT 'recipient', json_extract(new.record, '$.recipient')
            WHERE json_type(new.record, '$.recipient') = 'object'
        UNION ALL SELECT 'recipient', value FROM json_each(new.record, '$.co_recipients')
    );
    INSERT OR IGNORE INTO event_countries (event_id, code, event, date)
    SELECT new.id, code, new.event, new.date FROM (
        SELECT code FROM event_parties WHERE event_id = new.id
        UNION SELECT json_extract(new.record, '$.location.country')
    ) WHERE code IS NOT NULL AND code != '';
    INSERT INTO event_counts (day, event, code, n)
    SELECT IFNULL(new.date, ''), new.event, code, 1 FROM (
        SELECT '' AS code UNION ALL SELECT code FROM event_countries WHERE event_id = new.id
    ) WHERE true
    ON CONFLICT (code, day, event) DO UPDATE SET n = n + 1;
END;

-- INSERT OR REPLACE deletes without firing delete triggers, so an insert first takes back
-- what an earlier row with the same id had counted.
CREATE TRIGGER IF NOT EXISTS events_serving_bi BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE id = new.id) BEGIN
    UPDATE event_counts SET n = n - 1
    WHERE (day, event) = (SELECT IFNULL(date, ''), event FROM events WHERE id = new.id)
      AND (code = '' OR code IN (SELECT code FROM event_countries WHERE event_id = new.id));
    DELETE FROM event_parties WHERE event_id = new.id;
    DELETE FROM event_countries WHERE event_id = new.id;
END;

CREATE TRIGGER IF NOT EXISTS events_serving_ad AFTER DELETE ON events BEGIN
    UPDATE event_counts SET n = n - 1
    WHERE day = IFNULL(old.date, '') AND event = old.event
      AND (code = '' OR code IN (SELECT code FROM event_countries WHERE event_id = old.id));
    DELETE FROM event_parties WHERE event_id = old.id;
    DELETE FROM event_countries WHERE event_id = old.id;
END;
