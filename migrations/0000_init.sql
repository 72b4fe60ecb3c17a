CREATE TABLE `access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`associate_id` text NOT NULL,
	`action` text NOT NULL,
	`consultation_id` text,
	`detail` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `access_log_at_idx` ON `access_log` (`at`);--> statement-breakpoint
CREATE TABLE `associates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`store_id` text,
	`pin_hash` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `coaching_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` text NOT NULL,
	`message_id` integer,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `consultation_messages`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `coaching_notes_idx` ON `coaching_notes` (`consultation_id`);--> statement-breakpoint
CREATE TABLE `consultation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` text NOT NULL,
	`type` text NOT NULL,
	`payload` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `consultation_events_idx` ON `consultation_events` (`consultation_id`,`at`);--> statement-breakpoint
CREATE TABLE `consultation_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` text NOT NULL,
	`turn` integer NOT NULL,
	`role` text NOT NULL,
	`content` text NOT NULL,
	`engine` text,
	`model` text,
	`constraints` text,
	`questions` text,
	`tool_calls` text,
	`status` text DEFAULT 'complete' NOT NULL,
	`first_suggestion_ms` integer,
	`full_reply_ms` integer,
	`fallback` text,
	`good_example` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `consultation_messages_idx` ON `consultation_messages` (`consultation_id`,`turn`);--> statement-breakpoint
CREATE TABLE `consultation_suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` text NOT NULL,
	`message_id` integer,
	`sku` text NOT NULL,
	`variant_id` integer,
	`rank` integer NOT NULL,
	`reasons` text NOT NULL,
	`strategy` text NOT NULL,
	`engine` text NOT NULL,
	`score` real,
	`grounded` integer DEFAULT true NOT NULL,
	`shown` integer DEFAULT true NOT NULL,
	`liked` integer DEFAULT false NOT NULL,
	`rejected` integer DEFAULT false NOT NULL,
	`reject_reason` text,
	`shortlisted` integer DEFAULT false NOT NULL,
	`bought` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `consultation_messages`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `consultation_suggestions_idx` ON `consultation_suggestions` (`consultation_id`);--> statement-breakpoint
CREATE INDEX `consultation_suggestions_msg_idx` ON `consultation_suggestions` (`message_id`);--> statement-breakpoint
CREATE TABLE `consultations` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`associate_id` text NOT NULL,
	`customer_id` integer,
	`started_at` text NOT NULL,
	`ended_at` text,
	`outcome` text,
	`basket_value` integer,
	`basket_units` integer,
	`currency` text,
	`satisfaction` integer,
	`notes` text,
	`customer_context` text,
	`transcript_purged_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `consultations_started_idx` ON `consultations` (`started_at`);--> statement-breakpoint
CREATE INDEX `consultations_store_idx` ON `consultations` (`store_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `consultations_associate_idx` ON `consultations` (`associate_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `consultations_customer_idx` ON `consultations` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`associate_id` text,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_notes_customer_idx` ON `customer_notes` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_preferences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`scope` text DEFAULT '' NOT NULL,
	`value` text NOT NULL,
	`origin` text NOT NULL,
	`evidence` text,
	`confirmed_by` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_pref_uq` ON `customer_preferences` (`customer_id`,`kind`,`scope`,`origin`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`first_name` text,
	`last_name` text,
	`email` text,
	`phone` text,
	`loyalty_id` text,
	`city` text,
	`country` text,
	`accepts_email` integer DEFAULT false NOT NULL,
	`accepts_sms` integer DEFAULT false NOT NULL,
	`consent_personalization` integer DEFAULT true NOT NULL,
	`tags` text DEFAULT '' NOT NULL,
	`note` text,
	`source` text NOT NULL,
	`content_hash` text,
	`synced_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_external_id_uq` ON `customers` (`external_id`);--> statement-breakpoint
CREATE INDEX `customers_email_idx` ON `customers` (`email`);--> statement-breakpoint
CREATE INDEX `customers_phone_idx` ON `customers` (`phone`);--> statement-breakpoint
CREATE INDEX `customers_loyalty_idx` ON `customers` (`loyalty_id`);--> statement-breakpoint
CREATE INDEX `customers_name_idx` ON `customers` (`last_name`,`first_name`);--> statement-breakpoint
CREATE TABLE `inventory` (
	`variant_id` integer NOT NULL,
	`store_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`source` text NOT NULL,
	`synced_at` text NOT NULL,
	PRIMARY KEY(`variant_id`, `store_id`),
	FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `inventory_store_idx` ON `inventory` (`store_id`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`variant_id` integer,
	`sku` text,
	`title` text,
	`quantity` integer NOT NULL,
	`unit_price` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_lines_order_line_uq` ON `order_lines` (`order_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `order_lines_variant_idx` ON `order_lines` (`variant_id`);--> statement-breakpoint
CREATE INDEX `order_lines_sku_idx` ON `order_lines` (`sku`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`customer_id` integer,
	`store_id` text,
	`placed_at` text NOT NULL,
	`currency` text NOT NULL,
	`subtotal` integer,
	`total` integer NOT NULL,
	`status` text,
	`source` text NOT NULL,
	`content_hash` text,
	`synced_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_external_id_uq` ON `orders` (`external_id`);--> statement-breakpoint
CREATE INDEX `orders_customer_idx` ON `orders` (`customer_id`,`placed_at`);--> statement-breakpoint
CREATE INDEX `orders_placed_idx` ON `orders` (`placed_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text,
	`sent_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key_uq` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`sent_at`);--> statement-breakpoint
CREATE TABLE `pin_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`associate_id` text NOT NULL,
	`ok` integer NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pin_attempts_idx` ON `pin_attempts` (`associate_id`,`at`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`title` text NOT NULL,
	`brand` text,
	`category` text,
	`category_path` text,
	`gender` text,
	`tags` text DEFAULT '' NOT NULL,
	`description_html` text,
	`description_text` text,
	`search_text` text DEFAULT '' NOT NULL,
	`image_url` text,
	`consumable` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`attributes` text,
	`source` text NOT NULL,
	`content_hash` text,
	`synced_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_external_id_uq` ON `products` (`external_id`);--> statement-breakpoint
CREATE INDEX `products_category_idx` ON `products` (`category`);--> statement-breakpoint
CREATE INDEX `products_brand_idx` ON `products` (`brand`);--> statement-breakpoint
CREATE INDEX `products_status_idx` ON `products` (`status`);--> statement-breakpoint
CREATE TABLE `recommender_models` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trained_at` text NOT NULL,
	`baskets` integer NOT NULL,
	`customers` integer NOT NULL,
	`items` integer NOT NULL,
	`strategies` text NOT NULL,
	`file` text NOT NULL,
	`train_seconds` real
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stores` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`city` text,
	`timezone` text DEFAULT 'Europe/London' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_cursors` (
	`source_name` text NOT NULL,
	`entity` text NOT NULL,
	`cursor` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`source_name`, `entity`)
);
--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_name` text NOT NULL,
	`format` text NOT NULL,
	`file` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`counts` text,
	`rejects` text,
	`warnings` text,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `sync_runs_source_idx` ON `sync_runs` (`source_name`,`started_at`);--> statement-breakpoint
CREATE TABLE `variants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sku` text NOT NULL,
	`product_id` integer NOT NULL,
	`title` text,
	`size` text,
	`color` text,
	`material` text,
	`options` text,
	`price` integer NOT NULL,
	`sale_price` integer,
	`currency` text NOT NULL,
	`gtin` text,
	`availability` text,
	`image_url` text,
	`status` text DEFAULT 'active' NOT NULL,
	`source` text NOT NULL,
	`content_hash` text,
	`synced_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `variants_sku_uq` ON `variants` (`sku`);--> statement-breakpoint
CREATE INDEX `variants_product_idx` ON `variants` (`product_id`);--> statement-breakpoint
CREATE INDEX `variants_size_idx` ON `variants` (`size`);--> statement-breakpoint
CREATE INDEX `variants_color_idx` ON `variants` (`color`);--> statement-breakpoint
CREATE INDEX `variants_price_idx` ON `variants` (`price`);