CREATE TABLE `device_classes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`regulated` text DEFAULT 'yes' NOT NULL,
	`fda_class` text,
	`connectivity` text DEFAULT 'wired' NOT NULL,
	`remote_vendor_access` integer DEFAULT false NOT NULL,
	`stores_phi` integer DEFAULT false NOT NULL,
	`life_sustaining` integer DEFAULT false NOT NULL,
	`criticality` text DEFAULT 'moderate' NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `device_classes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "device_classes_regulated_check" CHECK("device_classes"."regulated" in ('yes', 'no', 'borderline')),
	CONSTRAINT "device_classes_fda_class_check" CHECK("device_classes"."fda_class" is null or "device_classes"."fda_class" in ('I', 'II', 'III')),
	CONSTRAINT "device_classes_connectivity_check" CHECK("device_classes"."connectivity" in ('standalone', 'wired', 'wireless')),
	CONSTRAINT "device_classes_criticality_check" CHECK("device_classes"."criticality" in ('low', 'moderate', 'high', 'critical')),
	CONSTRAINT "device_classes_not_own_parent" CHECK("device_classes"."parent_id" is null or "device_classes"."parent_id" <> "device_classes"."id")
);
--> statement-breakpoint
CREATE INDEX `device_classes_parent_idx` ON `device_classes` (`parent_id`);--> statement-breakpoint
CREATE TABLE `organization` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `parties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'internal' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`lead_user_id` integer,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`lead_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "parties_kind_check" CHECK("parties"."kind" in ('internal', 'external'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parties_name_unique` ON `parties` (lower("name"));--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`kind` text DEFAULT 'hospital' NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "sites_kind_check" CHECK("sites"."kind" in ('hospital', 'clinic', 'campus', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_name_unique` ON `sites` (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX `sites_code_unique` ON `sites` (lower("code"));--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email_key` text NOT NULL,
	`client_key` text NOT NULL,
	`at` text NOT NULL,
	`success` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_email_idx` ON `login_attempts` (`email_key`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_client_idx` ON `login_attempts` (`client_key`,`at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`revoked_at` text,
	`revoke_reason` text,
	`client` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`user_id`, `role`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "user_roles_role_check" CHECK("user_roles"."role" in ('admin', 'leadership', 'lead', 'contributor', 'auditor'))
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`password_hash` text NOT NULL,
	`party_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deactivated_at` text,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (lower("email"));--> statement-breakpoint
CREATE INDEX `users_party_idx` ON `users` (`party_id`);--> statement-breakpoint
CREATE TABLE `audit_head` (
	`id` integer PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`hash` text NOT NULL,
	`mac` text NOT NULL,
	CONSTRAINT "audit_head_single_row" CHECK("audit_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`old_values` text,
	`new_values` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `signatures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`signer_id` integer NOT NULL,
	`printed_name` text NOT NULL,
	`meaning` text NOT NULL,
	`kind` text DEFAULT 'sign' NOT NULL,
	`signed_at` text NOT NULL,
	`content_hash` text NOT NULL,
	`seal_mac` text NOT NULL,
	`binding_mac` text NOT NULL,
	FOREIGN KEY (`signer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "signatures_kind_check" CHECK("signatures"."kind" in ('sign', 'reattest'))
);
--> statement-breakpoint
CREATE INDEX `signatures_entity_idx` ON `signatures` (`entity_type`,`entity_id`);