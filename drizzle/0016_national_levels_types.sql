CREATE TABLE "indicator_national_levels" (
	"territory_id" integer NOT NULL,
	"month" date NOT NULL,
	"audience" text NOT NULL,
	"level" text NOT NULL,
	"participations" integer NOT NULL,
	CONSTRAINT "indicator_national_levels_territory_id_month_audience_level_pk" PRIMARY KEY("territory_id","month","audience","level")
);
--> statement-breakpoint
CREATE TABLE "indicator_national_types" (
	"territory_id" integer NOT NULL,
	"month" date NOT NULL,
	"activity_type" text NOT NULL,
	"participations" integer NOT NULL,
	"activities" integer NOT NULL,
	CONSTRAINT "indicator_national_types_territory_id_month_activity_type_pk" PRIMARY KEY("territory_id","month","activity_type")
);
--> statement-breakpoint
CREATE INDEX "indicator_national_levels_month_idx" ON "indicator_national_levels" USING btree ("month");--> statement-breakpoint
CREATE INDEX "indicator_national_types_month_idx" ON "indicator_national_types" USING btree ("month");--> statement-breakpoint
INSERT INTO "indicator_national_levels" ("territory_id", "month", "audience", "level", "participations")
SELECT "territory_id", "month", "audience", "level", sum("participations")::int FROM "indicator_audience_cells" GROUP BY 1, 2, 3, 4 HAVING sum("participations") <> 0;--> statement-breakpoint
INSERT INTO "indicator_national_types" ("territory_id", "month", "activity_type", "participations", "activities")
SELECT "territory_id", "month", "activity_type", sum("participations")::int, sum("activities")::int FROM "indicator_type_cells" GROUP BY 1, 2, 3 HAVING sum("activities") <> 0;
