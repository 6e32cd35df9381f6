CREATE TABLE `action_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_type` text NOT NULL,
	`assessment_id` integer,
	`subcategory_id` text,
	`title` text NOT NULL,
	`owner_party_id` integer NOT NULL,
	`owner_user_id` integer,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`closure_evidence` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "action_items_status_check" CHECK("action_items"."status" in ('open', 'in_progress', 'closed')),
	CONSTRAINT "action_items_source_check" CHECK("action_items"."source_type" in ('assessment_gap', 'drill')),
	CONSTRAINT "action_items_closed_needs_evidence" CHECK("action_items"."status" <> 'closed' or length(trim("action_items"."closure_evidence")) > 0)
);
--> statement-breakpoint
CREATE INDEX `action_items_owner_idx` ON `action_items` (`owner_party_id`,`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `action_items_assessment_idx` ON `action_items` (`assessment_id`);--> statement-breakpoint
CREATE TABLE `assessment_answers` (
	`assessment_id` integer NOT NULL,
	`subcategory_id` text NOT NULL,
	`current` integer,
	`target` integer,
	`not_applicable` integer DEFAULT false NOT NULL,
	`na_reason` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`carried_over` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`assessment_id`, `subcategory_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assessment_answers_current_check" CHECK("assessment_answers"."current" is null or "assessment_answers"."current" between 0 and 3),
	CONSTRAINT "assessment_answers_target_check" CHECK("assessment_answers"."target" is null or "assessment_answers"."target" between 0 and 3),
	CONSTRAINT "assessment_answers_na_reason_check" CHECK("assessment_answers"."not_applicable" = 0 or length(trim("assessment_answers"."na_reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE `assessment_assignees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`function_id` text NOT NULL,
	`user_id` integer,
	`party_id` integer,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assessment_assignees_function_check" CHECK("assessment_assignees"."function_id" in ('GV', 'ID', 'PR', 'DE', 'RS', 'RC')),
	CONSTRAINT "assessment_assignees_one_target" CHECK(("assessment_assignees"."user_id" is null) <> ("assessment_assignees"."party_id" is null))
);
--> statement-breakpoint
CREATE INDEX `assessment_assignees_idx` ON `assessment_assignees` (`assessment_id`,`function_id`);--> statement-breakpoint
CREATE TABLE `assessment_evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`subcategory_id` text NOT NULL,
	`kind` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`url` text,
	`file_name` text,
	`stored_name` text,
	`content_type` text,
	`size_bytes` integer,
	`sha256` text,
	`added_by` integer NOT NULL,
	`added_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assessment_evidence_kind_check" CHECK("assessment_evidence"."kind" in ('text', 'link', 'file'))
);
--> statement-breakpoint
CREATE INDEX `assessment_evidence_idx` ON `assessment_evidence` (`assessment_id`,`subcategory_id`);--> statement-breakpoint
CREATE TABLE `assessment_function_reviews` (
	`assessment_id` integer NOT NULL,
	`function_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`reviewer_id` integer,
	`comment` text DEFAULT '' NOT NULL,
	`reviewed_at` text,
	PRIMARY KEY(`assessment_id`, `function_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assessment_function_reviews_status_check" CHECK("assessment_function_reviews"."status" in ('open', 'accepted', 'returned')),
	CONSTRAINT "assessment_function_reviews_function_check" CHECK("assessment_function_reviews"."function_id" in ('GV', 'ID', 'PR', 'DE', 'RS', 'RC'))
);
--> statement-breakpoint
CREATE TABLE `assessment_quick_checks` (
	`assessment_id` integer NOT NULL,
	`question_key` text NOT NULL,
	`answer` text,
	`note` text DEFAULT '' NOT NULL,
	`updated_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`assessment_id`, `question_key`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assessment_quick_answer_check" CHECK("assessment_quick_checks"."answer" is null or "assessment_quick_checks"."answer" in ('yes', 'partly', 'no'))
);
--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`scope_type` text NOT NULL,
	`site_id` integer,
	`device_class_id` integer,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'in_progress' NOT NULL,
	`tier` integer,
	`tier_rationale` text DEFAULT '' NOT NULL,
	`carried_from_id` integer,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`submitted_at` text,
	`approved_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_class_id`) REFERENCES `device_classes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assessments_scope_check" CHECK("assessments"."scope_type" in ('organization', 'site', 'device_class')),
	CONSTRAINT "assessments_status_check" CHECK("assessments"."status" in ('in_progress', 'in_review', 'approved')),
	CONSTRAINT "assessments_tier_check" CHECK("assessments"."tier" is null or "assessments"."tier" between 1 and 4),
	CONSTRAINT "assessments_scope_target_check" CHECK(("assessments"."scope_type" = 'organization' and "assessments"."site_id" is null and "assessments"."device_class_id" is null) or ("assessments"."scope_type" = 'site' and "assessments"."site_id" is not null and "assessments"."device_class_id" is null) or ("assessments"."scope_type" = 'device_class' and "assessments"."device_class_id" is not null and "assessments"."site_id" is null))
);
--> statement-breakpoint
CREATE INDEX `assessments_scope_idx` ON `assessments` (`scope_type`,`site_id`,`device_class_id`,`status`);