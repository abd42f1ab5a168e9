-- The default dataset's own summaries, the twin of SQLite's 0009 (same tables, same meaning):
-- events with a resolved political side, no flag and a confidence of at least 0.5, counted per
-- day, type and country and per month and dyad, kept by a PL/pgSQL trigger.
CREATE TABLE IF NOT EXISTS default_counts (
    day TEXT NOT NULL, event TEXT NOT NULL, code TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (code, day, event)
);
CREATE TABLE IF NOT EXISTS default_dyads (
    month TEXT NOT NULL, event TEXT NOT NULL, actor_id TEXT NOT NULL, recipient_id TEXT NOT NULL,
    actor TEXT, actor_code TEXT, recipient TEXT, recipient_code TEXT, n INTEGER NOT NULL,
    PRIMARY KEY (month, event, actor_id, recipient_id)
);

CREATE OR REPLACE FUNCTION sitroom_default(e events) RETURNS boolean AS $$
    SELECT e.political = 1 AND e.negated = 0 AND e.hypothetical = 0 AND e.future = 0
       AND e.historical = 0 AND e.confidence >= 0.5
$$ LANGUAGE sql IMMUTABLE;

-- Add (step 1) or take back (step -1) what one event of the default dataset counts. Read from
-- the record: triggers fire in name order, and events_serving's tables may not be filled yet.
CREATE OR REPLACE FUNCTION sitroom_default_change(e events, step INTEGER) RETURNS void AS $$
DECLARE
    r JSONB := e.record::jsonb;
BEGIN
    INSERT INTO default_counts (day, event, code, n)
    SELECT COALESCE(e.date, ''), e.event, c.code, step FROM (
        SELECT '' AS code
        UNION SELECT p->>'code' FROM sitroom_side(r, 'actor', 'co_actors') p
        UNION SELECT p->>'code' FROM sitroom_side(r, 'recipient', 'co_recipients') p
        UNION SELECT r->'location'->>'country'
    ) c WHERE c.code IS NOT NULL
    ON CONFLICT (code, day, event) DO UPDATE SET n = default_counts.n + EXCLUDED.n;
    IF e.date IS NULL THEN RETURN; END IF;
    INSERT INTO default_dyads
    SELECT substr(e.date, 1, 7), e.event, a->>'id', b->>'id', MAX(a->>'name'), MAX(a->>'code'),
           MAX(b->>'name'), MAX(b->>'code'), step * COUNT(*)
    FROM sitroom_side(r, 'actor', 'co_actors') a, sitroom_side(r, 'recipient', 'co_recipients') b
    WHERE a->>'id' IS NOT NULL AND b->>'id' IS NOT NULL AND a->>'id' != b->>'id'
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (month, event, actor_id, recipient_id)
    DO UPDATE SET n = default_dyads.n + EXCLUDED.n;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION sitroom_default_trigger() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND sitroom_default(OLD) THEN
        PERFORM sitroom_default_change(OLD, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND sitroom_default(NEW) THEN
        PERFORM sitroom_default_change(NEW, 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DELETE FROM default_counts;
DELETE FROM default_dyads;
SELECT sitroom_default_change(e, 1) FROM events e WHERE sitroom_default(e);

DROP TRIGGER IF EXISTS events_default ON events;
CREATE TRIGGER events_default AFTER INSERT OR UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION sitroom_default_trigger();

-- Whether a party's event is in the default dataset (an actor's or a name's events counted
-- from event_parties alone), set as each party row is written, after its event.
ALTER TABLE event_parties ADD COLUMN shown INTEGER NOT NULL DEFAULT 0;
UPDATE event_parties p SET shown = 1 FROM events e WHERE e.id = p.event_id AND sitroom_default(e);
DROP INDEX IF EXISTS event_parties_actor_events;
CREATE INDEX event_parties_actor_events
    ON event_parties(actor_id, event_id, role, event, date, shown);
DROP INDEX IF EXISTS event_parties_name;
CREATE INDEX event_parties_name ON event_parties(name, role, event_id, event, date, shown);

CREATE OR REPLACE FUNCTION sitroom_party_shown() RETURNS trigger AS $$
BEGIN
    NEW.shown := CASE WHEN EXISTS (SELECT 1 FROM events e WHERE e.id = NEW.event_id
                                   AND sitroom_default(e)) THEN 1 ELSE 0 END;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS event_parties_shown ON event_parties;
CREATE TRIGGER event_parties_shown BEFORE INSERT ON event_parties
FOR EACH ROW EXECUTE FUNCTION sitroom_party_shown();
