-- The actors list counts every actor's mentions and documents: read from one index holding
-- both columns instead of a row lookup per mention. It serves lookups by actor alone too.
CREATE INDEX IF NOT EXISTS mentions_actor_document ON mentions(actor_id, document_id);
DROP INDEX IF EXISTS mentions_actor;
