CREATE TABLE "mail_outbox" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mail_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer,
	"kind" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text,
	"leased_until" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_result" jsonb
);
--> statement-breakpoint
CREATE TABLE "networks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "networks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"name" text NOT NULL,
	"initiative_id" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_model_availability" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "role_model_availability_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"profile_id" integer NOT NULL,
	"kind" text NOT NULL,
	"weekday" smallint,
	"start_time" text,
	"end_time" text,
	"on_date" date,
	"from_date" date,
	"to_date" date
);
--> statement-breakpoint
CREATE TABLE "role_model_networks" (
	"territory_id" integer NOT NULL,
	"profile_id" integer NOT NULL,
	"network_id" integer NOT NULL,
	CONSTRAINT "role_model_networks_profile_id_network_id_pk" PRIMARY KEY("profile_id","network_id")
);
--> statement-breakpoint
CREATE TABLE "role_model_profiles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "role_model_profiles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"user_id" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text NOT NULL,
	"job" text,
	"organisation_id" integer,
	"sector" text,
	"training_path" text,
	"reach_epcis" text[] DEFAULT '{}' NOT NULL,
	"reach_communes" text[] DEFAULT '{}' NOT NULL,
	"preferred_audiences" text[] DEFAULT '{}' NOT NULL,
	"preferred_levels" text[] DEFAULT '{}' NOT NULL,
	"languages" text[] DEFAULT '{"fr"}' NOT NULL,
	"public_consent_at" timestamp with time zone,
	"public_consent_withdrawn_at" timestamp with time zone,
	"photo_path" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_links" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "action_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"request_id" integer NOT NULL,
	"profile_id" integer,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "intervention_kinds" (
	"code" text PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"label_fr" text NOT NULL,
	"label_en" text NOT NULL,
	"activity_type" text NOT NULL,
	"retired" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intervention_notices" (
	"territory_id" integer NOT NULL,
	"request_id" integer NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intervention_notices_request_id_kind_pk" PRIMARY KEY("request_id","kind")
);
--> statement-breakpoint
CREATE TABLE "intervention_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "intervention_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"request_id" integer NOT NULL,
	"reporter_kind" text NOT NULL,
	"profile_id" integer,
	"counts" jsonb NOT NULL,
	"satisfaction" smallint,
	"comment" text,
	"outcome" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intervention_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "intervention_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"follow_token_hash" text NOT NULL,
	"requester_kind" text NOT NULL,
	"organisation_id" integer,
	"organisation_name" text NOT NULL,
	"kind_code" text NOT NULL,
	"audience" text NOT NULL,
	"level" text NOT NULL,
	"groups" text,
	"school_year" text,
	"expected_size" integer NOT NULL,
	"wished_from" date NOT NULL,
	"wished_to" date NOT NULL,
	"commune_code" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"message" text,
	"requester_user_id" text,
	"state" text DEFAULT 'submitted' NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"network_id" integer,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"location" text,
	"capacity_min" smallint DEFAULT 1 NOT NULL,
	"capacity_max" smallint DEFAULT 1 NOT NULL,
	"open_to_volunteers" boolean DEFAULT false NOT NULL,
	"ical_sequence" integer DEFAULT 0 NOT NULL,
	"activity_id" integer,
	"personal_data_erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intervention_requests_follow_token_hash_unique" UNIQUE("follow_token_hash")
);
--> statement-breakpoint
CREATE TABLE "intervention_speakers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "intervention_speakers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"request_id" integer NOT NULL,
	"profile_id" integer NOT NULL,
	"status" text NOT NULL,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_rate_limits" (
	"ip_hash" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_transitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "request_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"request_id" integer NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_user_id" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "calendar_feeds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"user_id" text,
	"profile_id" integer,
	"kind" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_model_availability" ADD CONSTRAINT "role_model_availability_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_model_availability" ADD CONSTRAINT "role_model_availability_profile_id_role_model_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."role_model_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_model_networks" ADD CONSTRAINT "role_model_networks_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_model_networks" ADD CONSTRAINT "role_model_networks_profile_id_role_model_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."role_model_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_model_networks" ADD CONSTRAINT "role_model_networks_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_model_profiles" ADD CONSTRAINT "role_model_profiles_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_model_profiles" ADD CONSTRAINT "role_model_profiles_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_model_profiles" ADD CONSTRAINT "role_model_profiles_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_request_id_intervention_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."intervention_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_profile_id_role_model_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."role_model_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_kinds" ADD CONSTRAINT "intervention_kinds_activity_type_activity_types_code_fk" FOREIGN KEY ("activity_type") REFERENCES "public"."activity_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_notices" ADD CONSTRAINT "intervention_notices_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_notices" ADD CONSTRAINT "intervention_notices_request_id_intervention_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."intervention_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_reports" ADD CONSTRAINT "intervention_reports_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_reports" ADD CONSTRAINT "intervention_reports_request_id_intervention_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."intervention_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_reports" ADD CONSTRAINT "intervention_reports_profile_id_role_model_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."role_model_profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_requests" ADD CONSTRAINT "intervention_requests_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_requests" ADD CONSTRAINT "intervention_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_requests" ADD CONSTRAINT "intervention_requests_kind_code_intervention_kinds_code_fk" FOREIGN KEY ("kind_code") REFERENCES "public"."intervention_kinds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_requests" ADD CONSTRAINT "intervention_requests_requester_user_id_user_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_requests" ADD CONSTRAINT "intervention_requests_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_requests" ADD CONSTRAINT "intervention_requests_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_speakers" ADD CONSTRAINT "intervention_speakers_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_speakers" ADD CONSTRAINT "intervention_speakers_request_id_intervention_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."intervention_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_speakers" ADD CONSTRAINT "intervention_speakers_profile_id_role_model_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."role_model_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_transitions" ADD CONSTRAINT "request_transitions_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_transitions" ADD CONSTRAINT "request_transitions_request_id_intervention_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."intervention_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_profile_id_role_model_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."role_model_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "mail_outbox_territory_idx" ON "mail_outbox" USING btree ("territory_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "networks_territory_name_idx" ON "networks" USING btree ("territory_id","name");--> statement-breakpoint
CREATE INDEX "role_model_availability_profile_idx" ON "role_model_availability" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "role_model_profiles_territory_idx" ON "role_model_profiles" USING btree ("territory_id","last_name");--> statement-breakpoint
CREATE UNIQUE INDEX "role_model_profiles_user_idx" ON "role_model_profiles" USING btree ("territory_id","user_id");--> statement-breakpoint
CREATE INDEX "action_links_request_idx" ON "action_links" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "intervention_reports_request_idx" ON "intervention_reports" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "intervention_requests_territory_state_idx" ON "intervention_requests" USING btree ("territory_id","state","state_changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "intervention_speakers_request_profile_idx" ON "intervention_speakers" USING btree ("request_id","profile_id");--> statement-breakpoint
CREATE INDEX "intervention_speakers_profile_idx" ON "intervention_speakers" USING btree ("profile_id","status");--> statement-breakpoint
CREATE INDEX "request_transitions_request_idx" ON "request_transitions" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "calendar_feeds_user_idx" ON "calendar_feeds" USING btree ("user_id","territory_id");--> statement-breakpoint
CREATE INDEX "calendar_feeds_profile_idx" ON "calendar_feeds" USING btree ("profile_id");--> statement-breakpoint
INSERT INTO "intervention_kinds" ("code", "position", "label_fr", "label_en", "activity_type") VALUES ('classroom_talk', 1, 'Intervention en classe', 'Classroom talk', 'school_visit'), ('forum_stand', 2, 'Stand sur un forum', 'Forum stand', 'forum'), ('workplace_visit', 3, 'Visite d’entreprise', 'Workplace visit', 'company_visit'), ('portrait_screening', 4, 'Projection de portraits', 'Portrait screening', 'screening'), ('workshop', 5, 'Atelier', 'Workshop', 'workshop'), ('mentoring_programme', 6, 'Programme de marrainage', 'Mentoring programme', 'mentoring') ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "networks" ("territory_id", "name", "initiative_id", "position") SELECT i."territory_id", CASE i."slug" WHEN 'verr-elles' THEN 'Verr’Elles' WHEN 'capital-filles' THEN 'Capital Filles' ELSE 'Elles Bougent' END, i."id", i."position" FROM "initiatives" i WHERE i."slug" IN ('verr-elles', 'capital-filles', 'elles-bougent') ON CONFLICT DO NOTHING;
