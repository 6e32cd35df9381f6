CREATE TABLE `drill_classes` (
	`drill_id` integer NOT NULL,
	`device_class_id` integer NOT NULL,
	PRIMARY KEY(`drill_id`, `device_class_id`),
	FOREIGN KEY (`drill_id`) REFERENCES `drills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_class_id`) REFERENCES `device_classes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `drill_findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drill_id` integer NOT NULL,
	`kind` text NOT NULL,
	`objective_id` integer,
	`activity_id` integer,
	`observation` text NOT NULL,
	`root_cause` text DEFAULT '' NOT NULL,
	`recommendation` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`drill_id`) REFERENCES `drills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`objective_id`) REFERENCES `drill_objectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "drill_findings_kind_check" CHECK("drill_findings"."kind" in ('strength', 'improvement'))
);
--> statement-breakpoint
CREATE INDEX `drill_findings_idx` ON `drill_findings` (`drill_id`);--> statement-breakpoint
CREATE TABLE `drill_objectives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drill_id` integer NOT NULL,
	`text` text NOT NULL,
	`sort_order` integer NOT NULL,
	`rating` text,
	`rating_note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`drill_id`) REFERENCES `drills`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "drill_objectives_rating_check" CHECK("drill_objectives"."rating" is null or "drill_objectives"."rating" in ('P', 'S', 'M', 'U'))
);
--> statement-breakpoint
CREATE INDEX `drill_objectives_idx` ON `drill_objectives` (`drill_id`);--> statement-breakpoint
CREATE TABLE `drill_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drill_id` integer NOT NULL,
	`user_id` integer,
	`party_id` integer,
	`attended` integer,
	FOREIGN KEY (`drill_id`) REFERENCES `drills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "drill_participants_one_check" CHECK(("drill_participants"."user_id" is null) <> ("drill_participants"."party_id" is null))
);
--> statement-breakpoint
CREATE INDEX `drill_participants_idx` ON `drill_participants` (`drill_id`);--> statement-breakpoint
CREATE TABLE `drill_plans` (
	`drill_id` integer NOT NULL,
	`plan_id` integer NOT NULL,
	PRIMARY KEY(`drill_id`, `plan_id`),
	FOREIGN KEY (`drill_id`) REFERENCES `drills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `response_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `drill_plans_plan_idx` ON `drill_plans` (`plan_id`);--> statement-breakpoint
CREATE TABLE `drills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`kind` text DEFAULT 'exercise' NOT NULL,
	`type` text,
	`site_id` integer NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`scenario` text DEFAULT '' NOT NULL,
	`planned_date` text NOT NULL,
	`actual_start` text,
	`actual_end` text,
	`facilitator_user_id` integer,
	`minutes_to_detect` integer,
	`minutes_to_isolate` integer,
	`minutes_to_notify_oem` integer,
	`minutes_to_restore` integer,
	`aar_summary` text DEFAULT '' NOT NULL,
	`cancel_reason` text DEFAULT '' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`conducted_by` integer,
	`aar_submitted_by` integer,
	`aar_submitted_at` text,
	`aar_approved_by` integer,
	`aar_approved_at` text,
	`closed_at` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facilitator_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conducted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`aar_submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`aar_approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "drills_kind_check" CHECK("drills"."kind" in ('exercise', 'real_event')),
	CONSTRAINT "drills_type_check" CHECK(("drills"."kind" = 'real_event' and "drills"."type" is null) or ("drills"."kind" = 'exercise' and "drills"."type" in ('seminar', 'workshop', 'tabletop', 'game', 'drill', 'functional', 'full_scale'))),
	CONSTRAINT "drills_status_check" CHECK("drills"."status" in ('planned', 'conducted', 'aar_review', 'aar_approved', 'closed', 'cancelled')),
	CONSTRAINT "drills_conducted_dates" CHECK("drills"."status" in ('planned', 'cancelled') or "drills"."actual_start" is not null),
	CONSTRAINT "drills_end_after_start" CHECK("drills"."actual_end" is null or "drills"."actual_start" is null or "drills"."actual_end" >= "drills"."actual_start"),
	CONSTRAINT "drills_minutes_check" CHECK(coalesce("drills"."minutes_to_detect", 0) >= 0 and coalesce("drills"."minutes_to_isolate", 0) >= 0 and coalesce("drills"."minutes_to_notify_oem", 0) >= 0 and coalesce("drills"."minutes_to_restore", 0) >= 0)
);
--> statement-breakpoint
CREATE INDEX `drills_site_idx` ON `drills` (`site_id`,`status`,`actual_start`);--> statement-breakpoint
CREATE INDEX `drills_planned_idx` ON `drills` (`planned_date`);--> statement-breakpoint
CREATE TABLE `plan_acknowledgements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_version_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`acknowledged_at` text NOT NULL,
	FOREIGN KEY (`plan_version_id`) REFERENCES `plan_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_acknowledgements_unique` ON `plan_acknowledgements` (`plan_version_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `plan_acknowledgements_user_idx` ON `plan_acknowledgements` (`user_id`);--> statement-breakpoint
CREATE TABLE `plan_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`version_no` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`scenario` text DEFAULT '' NOT NULL,
	`device_class_ids` text DEFAULT '[]' NOT NULL,
	`activity_ids` text DEFAULT '[]' NOT NULL,
	`named_user_ids` text DEFAULT '[]' NOT NULL,
	`named_party_ids` text DEFAULT '[]' NOT NULL,
	`steps` text DEFAULT '[]' NOT NULL,
	`contacts` text DEFAULT '[]' NOT NULL,
	`downtime_procedures` text DEFAULT '' NOT NULL,
	`review_interval_months` integer DEFAULT 12 NOT NULL,
	`exercise_interval_months` integer DEFAULT 12 NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	`approved_by` integer,
	`approved_at` text,
	`superseded_at` text,
	FOREIGN KEY (`plan_id`) REFERENCES `response_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "plan_versions_status_check" CHECK("plan_versions"."status" in ('draft', 'approved', 'superseded')),
	CONSTRAINT "plan_versions_intervals_check" CHECK("plan_versions"."review_interval_months" between 1 and 36 and "plan_versions"."exercise_interval_months" between 1 and 36),
	CONSTRAINT "plan_versions_approved_check" CHECK("plan_versions"."status" = 'draft' or ("plan_versions"."approved_at" is not null and "plan_versions"."approved_by" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_versions_no_unique` ON `plan_versions` (`plan_id`,`version_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `plan_versions_one_draft` ON `plan_versions` (`plan_id`) WHERE "plan_versions"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX `plan_versions_one_approved` ON `plan_versions` (`plan_id`) WHERE "plan_versions"."status" = 'approved';--> statement-breakpoint
CREATE TABLE `response_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`site_id` integer,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`archived_at` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `response_plans_title_unique` ON `response_plans` (lower("title"));--> statement-breakpoint
CREATE TABLE `site_drill_settings` (
	`site_id` integer PRIMARY KEY NOT NULL,
	`cms` integer NOT NULL,
	`joint_commission` integer NOT NULL,
	`per_plan` integer NOT NULL,
	`updated_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `action_items` ADD `drill_id` integer REFERENCES drills(id);--> statement-breakpoint
ALTER TABLE `action_items` ADD `finding_id` integer REFERENCES drill_findings(id);--> statement-breakpoint
ALTER TABLE `action_items` ADD `capability_element` text;--> statement-breakpoint
CREATE INDEX `action_items_drill_idx` ON `action_items` (`drill_id`);--> statement-breakpoint
-- An approved plan version is what people acknowledged and what was signed: its content never changes.
CREATE TRIGGER `plan_versions_content_immutable` BEFORE UPDATE OF `plan_id`, `version_no`, `scenario`, `device_class_ids`, `activity_ids`, `named_user_ids`, `named_party_ids`, `steps`, `contacts`, `downtime_procedures`, `review_interval_months`, `exercise_interval_months`, `approved_by`, `approved_at` ON `plan_versions`
WHEN OLD.`status` <> 'draft'
BEGIN SELECT RAISE(ABORT, 'an approved plan version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `plan_versions_no_delete` BEFORE DELETE ON `plan_versions`
BEGIN SELECT RAISE(ABORT, 'plan versions are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `plan_acknowledgements_no_update` BEFORE UPDATE ON `plan_acknowledgements`
BEGIN SELECT RAISE(ABORT, 'acknowledgements are never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `plan_acknowledgements_no_delete` BEFORE DELETE ON `plan_acknowledgements`
BEGIN SELECT RAISE(ABORT, 'acknowledgements are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `drills_no_delete` BEFORE DELETE ON `drills`
BEGIN SELECT RAISE(ABORT, 'drills are never deleted; cancel a planned one instead'); END;
--> statement-breakpoint
-- After the After-Action Report is approved (signed), its objectives and findings are locked.
CREATE TRIGGER `drill_objectives_locked_insert` BEFORE INSERT ON `drill_objectives`
WHEN (SELECT `status` FROM `drills` WHERE `id` = NEW.`drill_id`) IN ('aar_approved', 'closed')
BEGIN SELECT RAISE(ABORT, 'the after-action report is approved and locked'); END;
--> statement-breakpoint
CREATE TRIGGER `drill_objectives_locked_update` BEFORE UPDATE ON `drill_objectives`
WHEN (SELECT `status` FROM `drills` WHERE `id` = OLD.`drill_id`) IN ('aar_approved', 'closed')
BEGIN SELECT RAISE(ABORT, 'the after-action report is approved and locked'); END;
--> statement-breakpoint
CREATE TRIGGER `drill_objectives_no_delete` BEFORE DELETE ON `drill_objectives`
WHEN (SELECT `status` FROM `drills` WHERE `id` = OLD.`drill_id`) NOT IN ('planned', 'conducted')
BEGIN SELECT RAISE(ABORT, 'objectives of a submitted after-action report are not deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `drill_findings_locked_insert` BEFORE INSERT ON `drill_findings`
WHEN (SELECT `status` FROM `drills` WHERE `id` = NEW.`drill_id`) IN ('aar_approved', 'closed')
BEGIN SELECT RAISE(ABORT, 'the after-action report is approved and locked'); END;
--> statement-breakpoint
CREATE TRIGGER `drill_findings_locked_update` BEFORE UPDATE ON `drill_findings`
WHEN (SELECT `status` FROM `drills` WHERE `id` = OLD.`drill_id`) IN ('aar_approved', 'closed')
BEGIN SELECT RAISE(ABORT, 'the after-action report is approved and locked'); END;
--> statement-breakpoint
CREATE TRIGGER `drill_findings_no_delete` BEFORE DELETE ON `drill_findings`
WHEN (SELECT `status` FROM `drills` WHERE `id` = OLD.`drill_id`) NOT IN ('planned', 'conducted')
BEGIN SELECT RAISE(ABORT, 'findings of a submitted after-action report are not deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `action_items_capability_check_insert` BEFORE INSERT ON `action_items`
WHEN NEW.`capability_element` IS NOT NULL AND NEW.`capability_element` NOT IN ('planning', 'organization', 'equipment', 'training', 'exercise')
BEGIN SELECT RAISE(ABORT, 'unknown capability element'); END;
--> statement-breakpoint
CREATE TRIGGER `action_items_capability_check_update` BEFORE UPDATE OF `capability_element` ON `action_items`
WHEN NEW.`capability_element` IS NOT NULL AND NEW.`capability_element` NOT IN ('planning', 'organization', 'equipment', 'training', 'exercise')
BEGIN SELECT RAISE(ABORT, 'unknown capability element'); END;
--> statement-breakpoint
CREATE TRIGGER `action_items_no_delete` BEFORE DELETE ON `action_items`
BEGIN SELECT RAISE(ABORT, 'action items are never deleted; close them with evidence'); END;
--> statement-breakpoint
-- An approved version only moves on to superseded; a superseded one never changes.
CREATE TRIGGER `plan_versions_status_forward_only` BEFORE UPDATE OF `status` ON `plan_versions`
WHEN OLD.`status` <> 'draft' AND NOT (OLD.`status` = 'approved' AND NEW.`status` = 'superseded')
BEGIN SELECT RAISE(ABORT, 'an approved plan version can only be superseded'); END;
--> statement-breakpoint
-- What the AAR approver signed: the drill's facts and its improvement plan are locked with the objectives and findings.
CREATE TRIGGER `drills_signed_aar_locked` BEFORE UPDATE OF `title`, `kind`, `type`, `site_id`, `actual_start`, `actual_end`, `aar_summary`, `minutes_to_detect`, `minutes_to_isolate`, `minutes_to_notify_oem`, `minutes_to_restore` ON `drills`
WHEN OLD.`status` IN ('aar_approved', 'closed')
BEGIN SELECT RAISE(ABORT, 'the after-action report is approved and locked'); END;
--> statement-breakpoint
CREATE TRIGGER `drills_status_after_approval` BEFORE UPDATE OF `status` ON `drills`
WHEN OLD.`status` IN ('aar_approved', 'closed') AND NOT (OLD.`status` = 'aar_approved' AND NEW.`status` = 'closed') AND NEW.`status` <> OLD.`status`
BEGIN SELECT RAISE(ABORT, 'an approved after-action report only moves on to closed'); END;
--> statement-breakpoint
CREATE TRIGGER `action_items_signed_plan_locked` BEFORE UPDATE OF `title`, `owner_party_id`, `owner_user_id`, `due_date`, `finding_id`, `capability_element`, `drill_id` ON `action_items`
WHEN OLD.`drill_id` IS NOT NULL AND (SELECT `status` FROM `drills` WHERE `id` = OLD.`drill_id`) IN ('aar_approved', 'closed')
BEGIN SELECT RAISE(ABORT, 'the improvement plan of an approved after-action report is locked'); END;
--> statement-breakpoint
CREATE TRIGGER `action_items_signed_plan_insert` BEFORE INSERT ON `action_items`
WHEN NEW.`drill_id` IS NOT NULL AND (SELECT `status` FROM `drills` WHERE `id` = NEW.`drill_id`) IN ('aar_approved', 'closed')
BEGIN SELECT RAISE(ABORT, 'the improvement plan of an approved after-action report is locked'); END;
