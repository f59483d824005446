CREATE TABLE "plan_contacts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"plan_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text,
	"role" text NOT NULL,
	"organisation_id" integer,
	"email" text,
	"consent_on" date
);
--> statement-breakpoint
CREATE TABLE "plan_statements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_statements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"plan_id" integer NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_types" (
	"code" text PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"retired" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiative_activity_types" (
	"territory_id" integer NOT NULL,
	"initiative_id" integer NOT NULL,
	"type_code" text NOT NULL,
	CONSTRAINT "initiative_activity_types_initiative_id_type_code_pk" PRIMARY KEY("initiative_id","type_code")
);
--> statement-breakpoint
ALTER TABLE "initiatives" ALTER COLUMN "status" SET DEFAULT 'planned';--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "siren" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "quote" text;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "copied_from_plan_id" integer;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "starts_on" date;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_contacts" ADD CONSTRAINT "plan_contacts_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_contacts" ADD CONSTRAINT "plan_contacts_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_contacts" ADD CONSTRAINT "plan_contacts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_statements" ADD CONSTRAINT "plan_statements_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_statements" ADD CONSTRAINT "plan_statements_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_activity_types" ADD CONSTRAINT "initiative_activity_types_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_activity_types" ADD CONSTRAINT "initiative_activity_types_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_activity_types" ADD CONSTRAINT "initiative_activity_types_type_code_activity_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."activity_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_contacts_plan_idx" ON "plan_contacts" USING btree ("territory_id","plan_id","position");--> statement-breakpoint
CREATE INDEX "plan_statements_plan_idx" ON "plan_statements" USING btree ("territory_id","plan_id","kind","position");--> statement-breakpoint
INSERT INTO "activity_types" ("code", "position") VALUES ('school_visit', 1), ('forum', 2), ('company_visit', 3), ('workshop', 4), ('screening', 5), ('mentoring', 6), ('training', 7), ('job_dating', 8), ('open_day', 9), ('conference', 10), ('network_event', 11), ('other', 12) ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "initiatives" SET "status" = CASE "status" WHEN 'active' THEN 'running' WHEN 'completed' THEN 'finished' WHEN 'suspended' THEN 'stopped' ELSE "status" END;--> statement-breakpoint
DELETE FROM "plan_organisations" WHERE "role" = 'accounting';--> statement-breakpoint
UPDATE "plan_organisations" SET "role" = 'partner' WHERE "role" = 'stakeholder' AND NOT EXISTS (SELECT 1 FROM "plan_organisations" p WHERE p."plan_id" = "plan_organisations"."plan_id" AND p."organisation_id" = "plan_organisations"."organisation_id" AND p."role" = 'pilot');--> statement-breakpoint
DELETE FROM "plan_organisations" WHERE "role" = 'stakeholder';--> statement-breakpoint
INSERT INTO "initiative_activity_types" ("territory_id", "initiative_id", "type_code") SELECT i."territory_id", i."id", t."code" FROM "initiatives" i CROSS JOIN "activity_types" t ON CONFLICT DO NOTHING;
