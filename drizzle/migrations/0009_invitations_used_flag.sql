ALTER TABLE "invitations" ADD COLUMN "used" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "invitations" SET "used" = true WHERE "used_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" DROP COLUMN "used_at";--> statement-breakpoint
UPDATE "mails" SET "text" = regexp_replace("text", '([?&]t=)[A-Za-z0-9_-]{20,}', '\1__INVITATION_TOKEN__', 'g'), "html" = regexp_replace("html", '([?&](amp;)?t=)[A-Za-z0-9_-]{20,}', '\1__INVITATION_TOKEN__', 'g') WHERE "invitation_id" IS NOT NULL;
