-- What kind of page a document is (news, recipe, manual, product, listing: only news is
-- event-coded) and the language detected in it, both filtered on by the query commands.
-- Documents stored before were all analysed as English news.
ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT 'news';
CREATE INDEX IF NOT EXISTS documents_language ON documents(language);
CREATE INDEX IF NOT EXISTS documents_kind ON documents(kind);

-- What a new capture changed in a stored document, one row per change ("title", "published
-- kept", "body: longer capture"); kept when the document is rewritten.
CREATE TABLE IF NOT EXISTS document_changes (
    document_id TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    change TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_changes_document ON document_changes(document_id);
