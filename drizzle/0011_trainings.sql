CREATE TABLE "job_families" (
	"code" text PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"label_fr" text NOT NULL,
	"label_en" text NOT NULL,
	"retired" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_job_families" (
	"territory_id" integer NOT NULL,
	"training_id" integer NOT NULL,
	"job_family_code" text NOT NULL,
	CONSTRAINT "training_job_families_training_id_job_family_code_pk" PRIMARY KEY("training_id","job_family_code")
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "trainings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"title" text NOT NULL,
	"school_organisation_id" integer NOT NULL,
	"level" text NOT NULL,
	"commune_code" text NOT NULL,
	"girls_share" smallint,
	"girls_share_year" text,
	"apprenticeship" boolean DEFAULT false NOT NULL,
	"description" text,
	"url" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainings_girls_share_range" CHECK ("trainings"."girls_share" is null or ("trainings"."girls_share" >= 0 and "trainings"."girls_share" <= 100)),
	CONSTRAINT "trainings_girls_share_year" CHECK (("trainings"."girls_share" is null) = ("trainings"."girls_share_year" is null))
);
--> statement-breakpoint
ALTER TABLE "training_job_families" ADD CONSTRAINT "training_job_families_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_job_families" ADD CONSTRAINT "training_job_families_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_job_families" ADD CONSTRAINT "training_job_families_job_family_code_job_families_code_fk" FOREIGN KEY ("job_family_code") REFERENCES "public"."job_families"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_school_organisation_id_organisations_id_fk" FOREIGN KEY ("school_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_job_families_territory_idx" ON "training_job_families" USING btree ("territory_id","job_family_code");--> statement-breakpoint
CREATE INDEX "trainings_territory_idx" ON "trainings" USING btree ("territory_id","title");--> statement-breakpoint
INSERT INTO "job_families" ("code", "position", "label_fr", "label_en") VALUES ('line_operation', 1, 'Conduite de ligne', 'Production line operation'), ('maintenance', 2, 'Maintenance', 'Maintenance'), ('welding', 3, 'Soudure et chaudronnerie', 'Welding and boilermaking'), ('machining', 4, 'Usinage', 'Machining'), ('electrical', 5, 'Électrotechnique', 'Electrical engineering'), ('automation', 6, 'Automatisme et robotique', 'Automation and robotics'), ('quality', 7, 'Qualité', 'Quality'), ('logistics', 8, 'Logistique', 'Logistics'), ('design_office', 9, 'Bureau d’études', 'Design office'), ('glassmaking', 10, 'Verrerie', 'Glassmaking') ON CONFLICT DO NOTHING;
