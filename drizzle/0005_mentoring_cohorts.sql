CREATE TABLE "mentoring_cohort_mentors" (
	"territory_id" integer NOT NULL,
	"cohort_id" integer NOT NULL,
	"profile_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentoring_cohort_mentors_cohort_id_profile_id_pk" PRIMARY KEY("cohort_id","profile_id")
);
--> statement-breakpoint
CREATE TABLE "mentoring_cohort_workshops" (
	"territory_id" integer NOT NULL,
	"cohort_id" integer NOT NULL,
	"activity_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentoring_cohort_workshops_cohort_id_activity_id_pk" PRIMARY KEY("cohort_id","activity_id")
);
--> statement-breakpoint
CREATE TABLE "mentoring_cohorts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mentoring_cohorts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"initiative_id" integer NOT NULL,
	"school_year" text NOT NULL,
	"school_organisation_id" integer NOT NULL,
	"pairs_formed" integer DEFAULT 0 NOT NULL,
	"pairs_active_at_end" integer,
	"closed_at" timestamp with time zone,
	"notes" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentoring_cohorts_pairs_formed_positive" CHECK ("mentoring_cohorts"."pairs_formed" >= 0),
	CONSTRAINT "mentoring_cohorts_pairs_active_range" CHECK ("mentoring_cohorts"."pairs_active_at_end" is null or ("mentoring_cohorts"."pairs_active_at_end" >= 0 and "mentoring_cohorts"."pairs_active_at_end" <= "mentoring_cohorts"."pairs_formed"))
);
--> statement-breakpoint
ALTER TABLE "mentoring_cohort_mentors" ADD CONSTRAINT "mentoring_cohort_mentors_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_cohort_mentors" ADD CONSTRAINT "mentoring_cohort_mentors_cohort_id_mentoring_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."mentoring_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_cohort_mentors" ADD CONSTRAINT "mentoring_cohort_mentors_profile_id_role_model_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."role_model_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_cohort_workshops" ADD CONSTRAINT "mentoring_cohort_workshops_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_cohort_workshops" ADD CONSTRAINT "mentoring_cohort_workshops_cohort_id_mentoring_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."mentoring_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_cohort_workshops" ADD CONSTRAINT "mentoring_cohort_workshops_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_cohorts" ADD CONSTRAINT "mentoring_cohorts_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_cohorts" ADD CONSTRAINT "mentoring_cohorts_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_cohorts" ADD CONSTRAINT "mentoring_cohorts_school_organisation_id_organisations_id_fk" FOREIGN KEY ("school_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mentoring_cohort_mentors_profile_idx" ON "mentoring_cohort_mentors" USING btree ("profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentoring_cohort_workshops_activity_idx" ON "mentoring_cohort_workshops" USING btree ("activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentoring_cohorts_unique_idx" ON "mentoring_cohorts" USING btree ("territory_id","initiative_id","school_year","school_organisation_id");--> statement-breakpoint
CREATE INDEX "mentoring_cohorts_territory_year_idx" ON "mentoring_cohorts" USING btree ("territory_id","school_year");