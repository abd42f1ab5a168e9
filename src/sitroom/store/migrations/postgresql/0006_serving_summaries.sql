-- Serving, continued: the twin of SQLite's 0006_serving_summaries (dyads per month and type,
-- every party name once), kept by a PL/pgSQL trigger that reads each event's record.
CREATE TABLE IF NOT EXISTS dyad_counts (
    month TEXT NOT NULL, event TEXT NOT NULL, actor_id TEXT NOT NULL, recipient_id TEXT NOT NULL,
    actor TEXT, actor_code TEXT, recipient TEXT, recipient_code TEXT, n INTEGER NOT NULL,
    PRIMARY KEY (month, event, actor_id, recipient_id)
);
CREATE TABLE IF NOT EXISTS party_names (name TEXT PRIMARY KEY);
CREATE INDEX IF NOT EXISTS documents_newest ON documents(
    (COALESCE(published, reference_date) IS NULL), (COALESCE(published, reference_date)) DESC, id
);
CREATE INDEX IF NOT EXISTS event_parties_name ON event_parties(name, role, event_id);

-- A side of an event: its first member and the others.
CREATE OR REPLACE FUNCTION sitroom_side(r JSONB, one TEXT, many TEXT) RETURNS SETOF JSONB AS $$
    SELECT r->one WHERE jsonb_typeof(r->one) = 'object'
    UNION ALL SELECT v FROM jsonb_array_elements(
        CASE WHEN jsonb_typeof(r->many) = 'array' THEN r->many ELSE '[]' END) v
$$ LANGUAGE sql IMMUTABLE;

CREATE OR REPLACE FUNCTION sitroom_network_change(e events, step INTEGER) RETURNS void AS $$
DECLARE
    r JSONB := e.record::jsonb;
BEGIN
    IF step > 0 THEN
        INSERT INTO party_names
        SELECT DISTINCT p->>'name' FROM (
            SELECT sitroom_side(r, 'actor', 'co_actors') AS p
            UNION ALL SELECT sitroom_side(r, 'recipient', 'co_recipients')
        ) s WHERE p->>'name' IS NOT NULL
        ON CONFLICT DO NOTHING;
    END IF;
    IF e.date IS NULL THEN RETURN; END IF;
    INSERT INTO dyad_counts
    SELECT substr(e.date, 1, 7), e.event, a->>'id', b->>'id', MAX(a->>'name'), MAX(a->>'code'),
           MAX(b->>'name'), MAX(b->>'code'), step * COUNT(*)
    FROM sitroom_side(r, 'actor', 'co_actors') a, sitroom_side(r, 'recipient', 'co_recipients') b
    WHERE a->>'id' IS NOT NULL AND b->>'id' IS NOT NULL AND a->>'id' != b->>'id'
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (month, event, actor_id, recipient_id)
    DO UPDATE SET n = dyad_counts.n + EXCLUDED.n;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION sitroom_network_trigger() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM sitroom_network_change(OLD, -1); END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM sitroom_network_change(NEW, 1); END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DELETE FROM dyad_counts;
SELECT sitroom_network_change(e, 1) FROM events e;

DROP TRIGGER IF EXISTS events_network ON events;
CREATE TRIGGER events_network AFTER INSERT OR UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION sitroom_network_trigger();
