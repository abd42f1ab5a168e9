-- Documents, their comments, actors and mentions, events, quotes and dates; full-text search.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    url TEXT, title TEXT, author TEXT, published TEXT, source TEXT, language TEXT,
    text TEXT NOT NULL,
    origin TEXT,
    content_hash TEXT NOT NULL,
    analysis_version TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid'
);

CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TABLE comments (
    id TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    parent TEXT, depth INTEGER NOT NULL, author TEXT, published TEXT, text TEXT NOT NULL,
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
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
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
    record TEXT NOT NULL
);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_type_date ON events(event, date);
CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_id TEXT, speaker_name TEXT, direct INTEGER NOT NULL, start INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX quotes_document ON quotes(document_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE TABLE dates (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    value TEXT, type TEXT NOT NULL
);
CREATE INDEX dates_document ON dates(document_id);
