-- The date relative expressions were anchored to, and stemmed search ("sanction" finds
-- "sanctions"): English Snowball stems without stop words, accents folded, as SQLite's
-- 'porter unicode61' tokenizer does.
ALTER TABLE documents ADD COLUMN reference_date TEXT;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH DICTIONARY sitroom_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION sitroom (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION sitroom
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH unaccent, sitroom_stem;
DROP INDEX documents_search;
ALTER TABLE documents DROP COLUMN search;
ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS
    (to_tsvector('sitroom'::regconfig, COALESCE(title, '') || ' ' || text)) STORED;
CREATE INDEX documents_search ON documents USING GIN (search);
