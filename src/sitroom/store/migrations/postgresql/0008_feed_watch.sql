-- Live feeds (`sitroom watch`): what each polled feed answered last and when it may be polled
-- again, and every entry seen in it, so that no entry is fetched or stored twice and an entry
-- whose page could not be fetched is tried again on a later poll, a bounded number of times.
-- Times are ISO 8601 in UTC.
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_poll TEXT,
    last_status TEXT,
    errors INTEGER NOT NULL DEFAULT 0,
    next_poll TEXT,
    last_error TEXT
);
-- An entry is recorded 'pending' as soon as it is seen (with what the feed said of it, as JSON
-- in `entry`), then 'stored' (its documents are in the database) or, after its attempts,
-- 'failed' (the reason kept).
CREATE TABLE feed_entries (
    feed_url TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    link TEXT,
    entry TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    document_id TEXT,
    first_seen TEXT NOT NULL,
    last_attempt TEXT,
    reason TEXT,
    PRIMARY KEY (feed_url, entry_id)
);
CREATE INDEX feed_entries_link ON feed_entries(link);
CREATE INDEX feed_entries_state ON feed_entries(feed_url, state);
