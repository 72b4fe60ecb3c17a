CREATE SEQUENCE "public"."hq_change_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "customer_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_external_id" text NOT NULL,
	"device_id" text NOT NULL,
	"body" text NOT NULL,
	"author" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_preferences" (
	"customer_external_id" text NOT NULL,
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"value" text NOT NULL,
	"confirmed_by" text,
	"device_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_preferences_customer_external_id_kind_scope_pk" PRIMARY KEY("customer_external_id","kind","scope")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"external_id" text PRIMARY KEY NOT NULL,
	"first_name" text,
	"last_name" text,
	"email" text,
	"phone" text,
	"city" text,
	"country" text,
	"accepts_email" boolean DEFAULT false NOT NULL,
	"accepts_sms" boolean DEFAULT false NOT NULL,
	"tags" text DEFAULT '' NOT NULL,
	"note" text,
	"accepts_email_at" timestamp with time zone,
	"accepts_sms_at" timestamp with time zone,
	"change_seq" bigint DEFAULT nextval('hq_change_seq') NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"store_id" text NOT NULL,
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb NOT NULL,
	"unapplied" text
);
--> statement-breakpoint
CREATE TABLE "inventory" (
	"store_id" text NOT NULL,
	"sku" text NOT NULL,
	"quantity" integer NOT NULL,
	"change_seq" bigint DEFAULT nextval('hq_change_seq') NOT NULL,
	CONSTRAINT "inventory_store_id_sku_pk" PRIMARY KEY("store_id","sku")
);
--> statement-breakpoint
CREATE TABLE "manager_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"manager_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "managers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"store_id" text,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"external_id" text PRIMARY KEY NOT NULL,
	"customer_external_id" text,
	"store_id" text,
	"placed_at" timestamp with time zone NOT NULL,
	"currency" text NOT NULL,
	"subtotal" integer,
	"total" integer NOT NULL,
	"status" text,
	"lines" jsonb NOT NULL,
	"change_seq" bigint DEFAULT nextval('hq_change_seq') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"external_id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"brand" text,
	"category" text,
	"category_path" text,
	"gender" text,
	"tags" text DEFAULT '' NOT NULL,
	"description_html" text,
	"image_url" text,
	"status" text DEFAULT 'active' NOT NULL,
	"source" text,
	"change_seq" bigint DEFAULT nextval('hq_change_seq') NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "variants" (
	"sku" text PRIMARY KEY NOT NULL,
	"product_external_id" text NOT NULL,
	"title" text,
	"size" text,
	"color" text,
	"material" text,
	"options" jsonb,
	"price" integer NOT NULL,
	"sale_price" integer,
	"currency" text NOT NULL,
	"gtin" text,
	"availability" text,
	"image_url" text,
	"status" text DEFAULT 'active' NOT NULL,
	"source" text,
	"change_seq" bigint DEFAULT nextval('hq_change_seq') NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "customer_notes_customer" ON "customer_notes" USING btree ("customer_external_id","at");--> statement-breakpoint
CREATE INDEX "customers_change_seq" ON "customers" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "customers_email" ON "customers" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "devices_token_hash" ON "devices" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "events_device_key" ON "events" USING btree ("device_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "events_kind_store_created" ON "events" USING btree ("kind","store_id","created_at");--> statement-breakpoint
CREATE INDEX "inventory_store_change_seq" ON "inventory" USING btree ("store_id","change_seq");--> statement-breakpoint
CREATE INDEX "orders_change_seq" ON "orders" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "orders_store_change_seq" ON "orders" USING btree ("store_id","change_seq");--> statement-breakpoint
CREATE INDEX "products_change_seq" ON "products" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "variants_change_seq" ON "variants" USING btree ("change_seq");