CREATE TABLE "portrait_plays" (
	"territory_id" integer NOT NULL,
	"portrait_id" integer NOT NULL,
	"day" date NOT NULL,
	"plays" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "portrait_plays_portrait_id_day_pk" PRIMARY KEY("portrait_id","day")
);
--> statement-breakpoint
CREATE TABLE "portraits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "portraits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"title" text NOT NULL,
	"first_name" text NOT NULL,
	"job" text NOT NULL,
	"organisation_id" integer,
	"sector" text,
	"training_path" text,
	"quote" text,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"video_file" text,
	"video_type" text,
	"video_size" bigint,
	"video_hash" text,
	"poster_file" text,
	"poster_type" text,
	"poster_hash" text,
	"duration_seconds" integer,
	"captions" text,
	"transcript" text,
	"consent_signed_on" date,
	"consent_scopes" text[] DEFAULT '{}' NOT NULL,
	"consent_expires_on" date,
	"consent_form_file" text,
	"consent_withdrawn_at" timestamp with time zone,
	"expiry_warned_for" date,
	"published_at" timestamp with time zone,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_portraits" (
	"territory_id" integer NOT NULL,
	"activity_id" integer NOT NULL,
	"portrait_id" integer NOT NULL,
	CONSTRAINT "screening_portraits_activity_id_portrait_id_pk" PRIMARY KEY("activity_id","portrait_id")
);
--> statement-breakpoint
ALTER TABLE "portrait_plays" ADD CONSTRAINT "portrait_plays_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portrait_plays" ADD CONSTRAINT "portrait_plays_portrait_id_portraits_id_fk" FOREIGN KEY ("portrait_id") REFERENCES "public"."portraits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portraits" ADD CONSTRAINT "portraits_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portraits" ADD CONSTRAINT "portraits_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_portraits" ADD CONSTRAINT "screening_portraits_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_portraits" ADD CONSTRAINT "screening_portraits_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_portraits" ADD CONSTRAINT "screening_portraits_portrait_id_portraits_id_fk" FOREIGN KEY ("portrait_id") REFERENCES "public"."portraits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portrait_plays_territory_idx" ON "portrait_plays" USING btree ("territory_id","day");--> statement-breakpoint
CREATE INDEX "portraits_territory_idx" ON "portraits" USING btree ("territory_id","published_at");--> statement-breakpoint
CREATE INDEX "screening_portraits_portrait_idx" ON "screening_portraits" USING btree ("territory_id","portrait_id");