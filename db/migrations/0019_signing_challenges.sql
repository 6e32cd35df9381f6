CREATE TABLE `signing_challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`return_to` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`satisfied_at` text,
	`auth_time` text,
	`used_at` text,
	`signature_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `signing_challenges_user_idx` ON `signing_challenges` (`user_id`,`created_at`);--> statement-breakpoint
-- Hand-added: a challenge is kept (the audit trail names it) and, once used by a signature, never changes again
-- (single use, 21 CFR 11.200(a)(1); docs/decisions/0031).
CREATE TRIGGER `signing_challenges_no_delete` BEFORE DELETE ON `signing_challenges`
BEGIN SELECT RAISE(ABORT, 'signing challenges are kept'); END;
--> statement-breakpoint
CREATE TRIGGER `signing_challenges_used_final` BEFORE UPDATE ON `signing_challenges` WHEN OLD.`used_at` IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a used signing challenge cannot change'); END;
