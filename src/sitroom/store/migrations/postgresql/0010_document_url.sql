-- Which stored documents a new capture of a URL may be (runners.identity): an index lookup.
CREATE INDEX IF NOT EXISTS documents_url ON documents(url);
