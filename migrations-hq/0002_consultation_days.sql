CREATE TABLE "consultation_days" (
	"store_id" text NOT NULL,
	"day" date NOT NULL,
	"consultations" integer NOT NULL,
	"purchased" integer NOT NULL,
	"basket_value" bigint NOT NULL,
	"currency" text,
	CONSTRAINT "consultation_days_store_id_day_pk" PRIMARY KEY("store_id","day")
);
