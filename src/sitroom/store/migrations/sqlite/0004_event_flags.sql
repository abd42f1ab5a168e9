-- Event columns for the default dataset: the historical flag (contract 1.1), the confidence,
-- and whether a side is a resolved political actor (a code, a sector or an office), filled in
-- from the stored records so that existing events are filtered like new ones.
ALTER TABLE events ADD COLUMN historical INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN confidence REAL NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN political INTEGER NOT NULL DEFAULT 0;
UPDATE events SET
    historical = COALESCE(json_extract(record, '$.historical'), 0),
    confidence = COALESCE(json_extract(record, '$.confidence'), 0),
    political = (
        COALESCE(json_extract(record, '$.actor.code'), json_extract(record, '$.actor.sector'),
                 json_extract(record, '$.actor.office'), json_extract(record, '$.recipient.code'),
                 json_extract(record, '$.recipient.sector'),
                 json_extract(record, '$.recipient.office')) IS NOT NULL
        OR EXISTS (SELECT 1 FROM json_each(record, '$.co_actors')
                   WHERE json_extract(value, '$.code') IS NOT NULL)
        OR EXISTS (SELECT 1 FROM json_each(record, '$.co_recipients')
                   WHERE json_extract(value, '$.code') IS NOT NULL)
    );
CREATE INDEX events_default ON events(political, negated, hypothetical, future, historical);
