CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`csf_refs` text DEFAULT '[]' NOT NULL,
	`sort_order` integer NOT NULL,
	`retired_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activities_name_unique` ON `activities` (lower("name"));--> statement-breakpoint
CREATE INDEX `activities_sort_idx` ON `activities` (`sort_order`);--> statement-breakpoint
CREATE TABLE `raci_overrides` (
	`device_class_id` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`letter` text,
	PRIMARY KEY(`device_class_id`, `activity_id`, `party_id`),
	FOREIGN KEY (`device_class_id`) REFERENCES `device_classes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "raci_override_letter_check" CHECK("raci_overrides"."letter" is null or "raci_overrides"."letter" in ('R', 'A', 'C', 'I'))
);
--> statement-breakpoint
CREATE TABLE `raci_revisions` (
	`scope` text PRIMARY KEY NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`updated_by` integer,
	`updated_at` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `raci_template_cells` (
	`activity_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`letter` text NOT NULL,
	PRIMARY KEY(`activity_id`, `party_id`),
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "raci_template_letter_check" CHECK("raci_template_cells"."letter" in ('R', 'A', 'C', 'I'))
);
--> statement-breakpoint
CREATE TABLE `raci_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_class_id` integer NOT NULL,
	`version_no` integer NOT NULL,
	`status` text NOT NULL,
	`content` text NOT NULL,
	`required_signers` text NOT NULL,
	`submitted_by` integer NOT NULL,
	`submitted_at` text NOT NULL,
	`effective_at` text,
	`last_attested_at` text,
	`superseded_at` text,
	`returned_by` integer,
	`returned_at` text,
	`return_comment` text,
	FOREIGN KEY (`device_class_id`) REFERENCES `device_classes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`returned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "raci_versions_status_check" CHECK("raci_versions"."status" in ('in_review', 'returned', 'effective', 'superseded'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `raci_versions_class_no_unique` ON `raci_versions` (`device_class_id`,`version_no`);--> statement-breakpoint
CREATE INDEX `raci_versions_class_status_idx` ON `raci_versions` (`device_class_id`,`status`);