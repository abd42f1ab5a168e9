-- Stories and happenings: near-duplicates, documents grouped by the story they report, and
-- events of one story merged into happenings. Membership rows carry document ids without a
-- foreign key on purpose: when a document is replaced or deleted, its old rows are how the
-- stories layer learns which story and happenings it leaves.
CREATE TABLE story_profiles (
    document_id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    analysis_version TEXT NOT NULL,
    day TEXT,
    source TEXT,
    terms TEXT NOT NULL,
    vector TEXT NOT NULL,
    signature BLOB,
    story_id TEXT,
    original_id TEXT,
    similarity REAL,
    position INTEGER NOT NULL
);
CREATE INDEX story_profiles_story ON story_profiles(story_id);
CREATE INDEX story_profiles_original ON story_profiles(original_id);
CREATE TABLE document_bands (
    band INTEGER NOT NULL,
    key INTEGER NOT NULL,
    document_id TEXT NOT NULL
);
CREATE INDEX document_bands_key ON document_bands(band, key);
CREATE INDEX document_bands_document ON document_bands(document_id);
CREATE TABLE term_counts (
    term TEXT PRIMARY KEY,
    documents INTEGER NOT NULL
);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first TEXT,
    last TEXT,
    documents INTEGER NOT NULL,
    terms TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    checked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_last ON stories(last);
-- The inverted index of stories' top terms, with each story's last day ('9999-12-31' when
-- undated) so that candidates are read for a time range, not for all time.
CREATE TABLE story_terms (
    term TEXT NOT NULL,
    story_id TEXT NOT NULL,
    last TEXT NOT NULL,
    PRIMARY KEY (term, story_id)
);
CREATE INDEX story_terms_recent ON story_terms(term, last);
CREATE INDEX story_terms_story ON story_terms(story_id);
CREATE TABLE happenings (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    event TEXT NOT NULL,
    mode TEXT,
    date TEXT,
    actor_code TEXT,
    recipient_code TEXT,
    documents INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    first_reported TEXT,
    record TEXT NOT NULL
);
CREATE INDEX happenings_story ON happenings(story_id);
CREATE INDEX happenings_type_date ON happenings(event, date);
CREATE TABLE happening_events (
    event_id TEXT PRIMARY KEY,
    happening_id TEXT NOT NULL,
    document_id TEXT NOT NULL
);
CREATE INDEX happening_events_happening ON happening_events(happening_id);
CREATE INDEX happening_events_document ON happening_events(document_id);
CREATE TABLE story_renames (
    kind TEXT NOT NULL,
    old_id TEXT NOT NULL,
    new_id TEXT,
    at TEXT NOT NULL
);
