CREATE TABLE "role_model_photos" (
	"profile_id" integer PRIMARY KEY NOT NULL,
	"territory_id" integer NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "role_model_photos" ADD CONSTRAINT "role_model_photos_profile_id_role_model_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."role_model_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_model_photos" ADD CONSTRAINT "role_model_photos_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;