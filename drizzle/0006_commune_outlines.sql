CREATE TABLE "commune_outlines" (
	"territory_id" integer NOT NULL,
	"code_insee" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"centre_lon" double precision NOT NULL,
	"centre_lat" double precision NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commune_outlines_territory_id_code_insee_pk" PRIMARY KEY("territory_id","code_insee")
);
--> statement-breakpoint
ALTER TABLE "commune_outlines" ADD CONSTRAINT "commune_outlines_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;