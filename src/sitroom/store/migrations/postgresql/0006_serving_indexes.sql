-- Serving the API and dashboard on large databases: the twin of SQLite's 0006 (same tables,
-- same meaning), with the bookkeeping in PL/pgSQL triggers.
CREATE INDEX IF NOT EXISTS events_date_id ON events(date, id);
CREATE INDEX IF NOT EXISTS events_type_date_id ON events(event, date, id);
CREATE INDEX IF NOT EXISTS events_actor_code_date ON events(actor_code, date, id);
CREATE INDEX IF NOT EXISTS events_recipient_code_date ON events(recipient_code, date, id);

CREATE TABLE IF NOT EXISTS event_parties (
    event_id TEXT NOT NULL, role TEXT NOT NULL, actor_id TEXT, name TEXT, code TEXT,
    event TEXT NOT NULL, date TEXT
);
CREATE INDEX IF NOT EXISTS event_parties_event ON event_parties(event_id);
CREATE INDEX IF NOT EXISTS event_parties_actor ON event_parties(actor_id, role, date, event_id);

CREATE TABLE IF NOT EXISTS event_countries (
    event_id TEXT NOT NULL, code TEXT NOT NULL, event TEXT NOT NULL, date TEXT,
    PRIMARY KEY (event_id, code)
);
CREATE INDEX IF NOT EXISTS event_countries_code ON event_countries(code, date, event_id, event);

CREATE TABLE IF NOT EXISTS event_counts (
    day TEXT NOT NULL, event TEXT NOT NULL, code TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (code, day, event)
);

CREATE OR REPLACE FUNCTION sitroom_serving_add(e events) RETURNS void AS $$
DECLARE
    r JSONB := e.record::jsonb;
BEGIN
    INSERT INTO event_parties (event_id, role, actor_id, name, code, event, date)
    SELECT e.id, p.role, p.value->>'id', p.value->>'name', p.value->>'code', e.event, e.date
    FROM (
        SELECT 'actor' AS role, r->'actor' AS value WHERE jsonb_typeof(r->'actor') = 'object'
        UNION ALL SELECT 'actor', v FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(r->'co_actors') = 'array' THEN r->'co_actors' ELSE '[]' END) v
        UNION ALL SELECT 'recipient', r->'recipient' WHERE jsonb_typeof(r->'recipient') = 'object'
        UNION ALL SELECT 'recipient', v FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(r->'co_recipients') = 'array' THEN r->'co_recipients'
            ELSE '[]' END) v
    ) p;
    INSERT INTO event_countries (event_id, code, event, date)
    SELECT DISTINCT e.id, c.code, e.event, e.date FROM (
        SELECT code FROM event_parties WHERE event_id = e.id
        UNION SELECT r->'location'->>'country'
    ) c WHERE c.code IS NOT NULL AND c.code != ''
    ON CONFLICT DO NOTHING;
    INSERT INTO event_counts (day, event, code, n)
    SELECT COALESCE(e.date, ''), e.event, c.code, 1 FROM (
        SELECT '' AS code UNION ALL SELECT code FROM event_countries WHERE event_id = e.id
    ) c
    ON CONFLICT (code, day, event) DO UPDATE SET n = event_counts.n + 1;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION sitroom_serving_remove(e events) RETURNS void AS $$
BEGIN
    UPDATE event_counts SET n = n - 1
    WHERE day = COALESCE(e.date, '') AND event = e.event
      AND (code = '' OR code IN (SELECT code FROM event_countries WHERE event_id = e.id));
    DELETE FROM event_parties WHERE event_id = e.id;
    DELETE FROM event_countries WHERE event_id = e.id;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION sitroom_serving_trigger() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM sitroom_serving_remove(OLD); END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM sitroom_serving_add(NEW); END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- The events already stored.
DELETE FROM event_parties;
DELETE FROM event_countries;
DELETE FROM event_counts;
SELECT sitroom_serving_add(e) FROM events e;

DROP TRIGGER IF EXISTS events_serving ON events;
CREATE TRIGGER events_serving AFTER INSERT OR UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION sitroom_serving_trigger();
