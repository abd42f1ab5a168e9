-- The dates and numbers a report states (stories.facts), compared before it joins a story.
ALTER TABLE story_profiles ADD COLUMN facts TEXT NOT NULL DEFAULT '{}';
