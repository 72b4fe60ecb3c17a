CREATE TABLE `images` (
	`url` text PRIMARY KEY NOT NULL,
	`hash` text,
	`content_type` text,
	`bytes` integer,
	`fetched_at` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`last_attempt_at` text
);
--> statement-breakpoint
CREATE INDEX `images_hash_idx` ON `images` (`hash`);