/** The `images` table as typed functions: which feed links still need a local copy, and what we hold. */
import type Database from 'better-sqlite3';

export interface StoredImage {
  url: string;
  hash: string;
  contentType: string;
}

export interface ImageQueries {
  /** feed links (products and variants) with no local copy yet and fewer than `maxAttempts` failures */
  pendingUrls(maxAttempts: number, limit: number): string[];
  recordSuccess(url: string, hash: string, contentType: string, bytes: number, at: string): void;
  recordFailure(url: string, error: string, at: string): void;
  byHash(hash: string): { contentType: string } | null;
  /** every link with a local copy, for the in-memory map the presenter reads */
  allStored(): StoredImage[];
}

export function imageQueries(sqlite: Database.Database): ImageQueries {
  const pending = sqlite.prepare(
    `SELECT u.url FROM (
       SELECT image_url AS url FROM products WHERE image_url IS NOT NULL
       UNION SELECT image_url FROM variants WHERE image_url IS NOT NULL
     ) u LEFT JOIN images i ON i.url = u.url
     WHERE (u.url LIKE 'https://%' OR u.url LIKE 'http://%') AND i.hash IS NULL AND coalesce(i.attempts, 0) < ?
     ORDER BY u.url LIMIT ?`,
  );
  const success = sqlite.prepare(
    `INSERT INTO images (url, hash, content_type, bytes, fetched_at, attempts, last_error, last_attempt_at)
     VALUES (?, ?, ?, ?, ?, 0, NULL, ?)
     ON CONFLICT(url) DO UPDATE SET hash = excluded.hash, content_type = excluded.content_type, bytes = excluded.bytes,
       fetched_at = excluded.fetched_at, last_error = NULL, last_attempt_at = excluded.last_attempt_at`,
  );
  const failure = sqlite.prepare(
    `INSERT INTO images (url, attempts, last_error, last_attempt_at) VALUES (?, 1, ?, ?)
     ON CONFLICT(url) DO UPDATE SET attempts = images.attempts + 1, last_error = excluded.last_error,
       last_attempt_at = excluded.last_attempt_at`,
  );
  const hashRow = sqlite.prepare('SELECT content_type AS contentType FROM images WHERE hash = ? LIMIT 1');
  const stored = sqlite.prepare('SELECT url, hash, content_type AS contentType FROM images WHERE hash IS NOT NULL');
  return {
    pendingUrls: (maxAttempts, limit) => pending.pluck().all(maxAttempts, limit) as string[],
    recordSuccess: (url, hash, contentType, bytes, at) => void success.run(url, hash, contentType, bytes, at, at),
    recordFailure: (url, error, at) => void failure.run(url, error.slice(0, 300), at),
    byHash: (hash) => (hashRow.get(hash) as { contentType: string } | undefined) ?? null,
    allStored: () => stored.all() as StoredImage[],
  };
}
