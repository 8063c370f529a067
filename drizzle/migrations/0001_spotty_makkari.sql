CREATE TABLE "catalogue_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"indicator_id" text NOT NULL,
	"direction_id" text NOT NULL,
	"track_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"instrument" text NOT NULL,
	CONSTRAINT "catalogue_indicators_version_indicator" UNIQUE("version_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "catalogue_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"owner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"content_hash" text NOT NULL,
	"content" jsonb NOT NULL,
	"variables" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_versions_code_version" UNIQUE("code","version")
);
--> statement-breakpoint
ALTER TABLE "catalogue_indicators" ADD CONSTRAINT "catalogue_indicators_version_id_catalogue_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."catalogue_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_versions" ADD CONSTRAINT "catalogue_versions_owner_id_organisations_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalogue_indicators_version_idx" ON "catalogue_indicators" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "catalogue_versions_owner_idx" ON "catalogue_versions" USING btree ("owner_id");