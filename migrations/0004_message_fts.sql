-- Full-text search over consultation messages (FTS5, external content = consultation_messages), for
-- the Review list's "search in messages". Same pattern as product_fts (0001): triggers keep it in
-- step with every writer; retention blanking a transcript (content = '') takes it out of the index.
-- No stemming: a search finds the words typed (and words they begin), like the substring search it replaces.
CREATE VIRTUAL TABLE `consultation_messages_fts` USING fts5(
  content,
  content='consultation_messages', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `consultation_messages_fts_ai` AFTER INSERT ON `consultation_messages` BEGIN
  INSERT INTO consultation_messages_fts(rowid, content) VALUES (new.id, new.content);
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_messages_fts_ad` AFTER DELETE ON `consultation_messages` BEGIN
  INSERT INTO consultation_messages_fts(consultation_messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_messages_fts_au` AFTER UPDATE OF content ON `consultation_messages` BEGIN
  INSERT INTO consultation_messages_fts(consultation_messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
  INSERT INTO consultation_messages_fts(rowid, content) VALUES (new.id, new.content);
END;
--> statement-breakpoint
-- Index the messages the database already holds when this migration runs on an existing file.
INSERT INTO consultation_messages_fts(consultation_messages_fts) VALUES ('rebuild');
