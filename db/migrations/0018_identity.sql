CREATE TABLE `recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recovery_codes_user_idx` ON `recovery_codes` (`user_id`);--> statement-breakpoint
CREATE TABLE `sso_group_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_name` text NOT NULL,
	`role` text,
	`party_id` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sso_group_mappings_role_check" CHECK("sso_group_mappings"."role" is null or "sso_group_mappings"."role" in ('admin', 'leadership', 'lead', 'contributor', 'auditor')),
	CONSTRAINT "sso_group_mappings_grants_check" CHECK("sso_group_mappings"."role" is not null or "sso_group_mappings"."party_id" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sso_group_mappings_group_unique` ON `sso_group_mappings` (`group_name`);--> statement-breakpoint
CREATE TABLE `user_totp` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`secret_enc` text NOT NULL,
	`created_at` text NOT NULL,
	`confirmed_at` text,
	`last_time_step` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `users` ADD `password_set_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `users` ADD `sso_subject` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_sso_subject_unique` ON `users` (`sso_subject`);--> statement-breakpoint
-- Hand-edited: added columns, not drizzle's table rebuilds, so the append-only triggers on signatures (0001) stay and
-- sessions keep their rows.
ALTER TABLE `sessions` ADD `method` text DEFAULT 'password' NOT NULL CONSTRAINT "sessions_method_check" CHECK(`method` in ('password', 'sso'));--> statement-breakpoint
ALTER TABLE `signatures` ADD `auth_method` text DEFAULT 'password' NOT NULL CONSTRAINT "signatures_auth_method_check" CHECK(`auth_method` in ('password', 'sso'));
