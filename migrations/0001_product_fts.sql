-- Full-text search over the catalog (FTS5, external content = products).
-- Kept in step with products by triggers, so every writer (importers, demo, HQ sync) gets it for free.
CREATE VIRTUAL TABLE `product_fts` USING fts5(
  title, brand, category, tags, search_text,
  content='products', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2',
  prefix='2 3'
);
--> statement-breakpoint
CREATE TRIGGER `products_fts_ai` AFTER INSERT ON `products` BEGIN
  INSERT INTO product_fts(rowid, title, brand, category, tags, search_text)
  VALUES (new.id, new.title, coalesce(new.brand, ''), coalesce(new.category, ''), new.tags, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `products_fts_ad` AFTER DELETE ON `products` BEGIN
  INSERT INTO product_fts(product_fts, rowid, title, brand, category, tags, search_text)
  VALUES ('delete', old.id, old.title, coalesce(old.brand, ''), coalesce(old.category, ''), old.tags, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `products_fts_au` AFTER UPDATE OF title, brand, category, tags, search_text ON `products` BEGIN
  INSERT INTO product_fts(product_fts, rowid, title, brand, category, tags, search_text)
  VALUES ('delete', old.id, old.title, coalesce(old.brand, ''), coalesce(old.category, ''), old.tags, old.search_text);
  INSERT INTO product_fts(rowid, title, brand, category, tags, search_text)
  VALUES (new.id, new.title, coalesce(new.brand, ''), coalesce(new.category, ''), new.tags, new.search_text);
END;
--> statement-breakpoint
-- Index what the database already holds when this migration runs on an existing file.
INSERT INTO product_fts(product_fts) VALUES ('rebuild');
