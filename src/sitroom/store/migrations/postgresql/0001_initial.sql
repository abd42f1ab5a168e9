-- Documents, their comments, actors and mentions, events, quotes and dates; full-text search.
-- The same tables and column order as the SQLite migration of this name (rows are written by
-- the same INSERT statements); search is a generated tsvector column with a GIN index.
-- `rowid` is SQLite's implicit insertion order, made explicit: queries break ties with it.

-- SQLite's JSON and scalar functions that sitroom's portable SQL uses, over text holding JSON.
CREATE FUNCTION sitroom_json_path(path text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT COALESCE(array_remove(regexp_split_to_array(
        regexp_replace(substr(path, 2), '\[(\d+)\]', '.\1', 'g'), '\.'), ''), '{}')
$$;
CREATE FUNCTION json_extract(doc text, path text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE jsonb_typeof(doc::jsonb #> sitroom_json_path(path))
        WHEN 'object' THEN (doc::jsonb #> sitroom_json_path(path))::text
        WHEN 'array' THEN (doc::jsonb #> sitroom_json_path(path))::text
        WHEN 'boolean' THEN CASE WHEN doc::jsonb #>> sitroom_json_path(path) = 'true'
                                 THEN '1' ELSE '0' END
        ELSE doc::jsonb #>> sitroom_json_path(path) END
$$;
CREATE FUNCTION json_each(doc text, path text DEFAULT '$')
RETURNS TABLE (key text, value text, type text)
LANGUAGE sql IMMUTABLE STRICT AS $$
    WITH node AS (SELECT doc::jsonb #> sitroom_json_path(path) AS v)
    SELECT (e.ordinality - 1)::text,
           CASE jsonb_typeof(e.value) WHEN 'string' THEN e.value #>> '{}' ELSE e.value::text END,
           jsonb_typeof(e.value)
    FROM node, jsonb_array_elements(CASE WHEN jsonb_typeof(node.v) = 'array' THEN node.v
                                         ELSE '[]'::jsonb END) WITH ORDINALITY AS e(value, ordinality)
    UNION ALL
    SELECT o.key,
           CASE jsonb_typeof(o.value) WHEN 'string' THEN o.value #>> '{}' ELSE o.value::text END,
           jsonb_typeof(o.value)
    FROM node, jsonb_each(CASE WHEN jsonb_typeof(node.v) = 'object' THEN node.v
                               ELSE '{}'::jsonb END) AS o
$$;
CREATE FUNCTION ifnull(a anycompatible, b anycompatible) RETURNS anycompatible
LANGUAGE sql IMMUTABLE AS $$ SELECT COALESCE(a, b) $$;
CREATE FUNCTION sitroom_concat(state text, item text, sep text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN item IS NULL THEN state WHEN state IS NULL THEN item
                ELSE state || sep || item END
$$;
CREATE FUNCTION sitroom_concat(state text, item text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT sitroom_concat(state, item, ',') $$;
CREATE AGGREGATE group_concat(text, text) (SFUNC = sitroom_concat, STYPE = text);
CREATE AGGREGATE group_concat(text) (SFUNC = sitroom_concat, STYPE = text);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    url TEXT, title TEXT, author TEXT, published TEXT, source TEXT, language TEXT,
    text TEXT NOT NULL,
    origin TEXT,
    content_hash TEXT NOT NULL,
    analysis_version TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    rowid BIGSERIAL,
    search tsvector GENERATED ALWAYS AS
        (to_tsvector('simple'::regconfig, COALESCE(title, '') || ' ' || text)) STORED
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_search ON documents USING GIN (search);
CREATE TABLE comments (
    id TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    parent TEXT, depth INTEGER NOT NULL, author TEXT, published TEXT, text TEXT NOT NULL,
    rowid BIGSERIAL,
    PRIMARY KEY (document_id, id)
);
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL, kind TEXT, code TEXT, sector TEXT, office TEXT, affiliation TEXT
);
CREATE INDEX actors_code ON actors(code);
CREATE TABLE mentions (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    rowid BIGSERIAL
);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event TEXT NOT NULL, mode TEXT, date TEXT,
    actor_id TEXT, actor_name TEXT, actor_code TEXT,
    recipient_id TEXT, recipient_name TEXT, recipient_code TEXT,
    negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL, future INTEGER NOT NULL,
    start INTEGER NOT NULL,
    record TEXT NOT NULL,
    rowid BIGSERIAL
);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_type_date ON events(event, date);
CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_id TEXT, speaker_name TEXT, direct INTEGER NOT NULL, start INTEGER NOT NULL,
    record TEXT NOT NULL,
    rowid BIGSERIAL
);
CREATE INDEX quotes_document ON quotes(document_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE TABLE dates (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    value TEXT, type TEXT NOT NULL,
    rowid BIGSERIAL
);
CREATE INDEX dates_document ON dates(document_id);
