-- Finding the next position of a placed document, and the happenings of one type in a story
-- that an event could join, are index lookups, not scans.
CREATE INDEX story_profiles_position ON story_profiles(position);
CREATE INDEX happenings_story_type_date ON happenings(story_id, event, date);
