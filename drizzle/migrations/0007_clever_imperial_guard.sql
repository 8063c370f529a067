-- responses' campaign and version are held to their assignment and campaign by two composite
-- keys instead of three single-column ones: one check fewer per stored answer.
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_id_campaign" UNIQUE("id","campaign_id");--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_id_form_version" UNIQUE("id","form_version_id");--> statement-breakpoint
ALTER TABLE "responses" DROP CONSTRAINT "responses_assignment_id_assignments_id_fk";--> statement-breakpoint
ALTER TABLE "responses" DROP CONSTRAINT "responses_campaign_id_campaigns_id_fk";--> statement-breakpoint
ALTER TABLE "responses" DROP CONSTRAINT "responses_form_version_id_form_versions_id_fk";--> statement-breakpoint
DROP INDEX "responses_form_version_idx";--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_assignment_campaign_fk" FOREIGN KEY ("assignment_id","campaign_id") REFERENCES "public"."assignments"("id","campaign_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_campaign_version_fk" FOREIGN KEY ("campaign_id","form_version_id") REFERENCES "public"."campaigns"("id","form_version_id") ON DELETE cascade ON UPDATE no action;
