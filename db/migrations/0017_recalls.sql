CREATE TABLE `recall_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recall_id` integer NOT NULL,
	`device_id` integer NOT NULL,
	`state` text NOT NULL,
	`work_order` text NOT NULL,
	`action_on` text NOT NULL,
	`notes` text,
	`party_id` integer,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`recall_id`) REFERENCES `recalls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recall_actions_state_check" CHECK("recall_actions"."state" in ('done', 'not_affected')),
	CONSTRAINT "recall_actions_work_order_check" CHECK(length(trim("recall_actions"."work_order")) > 0),
	CONSTRAINT "recall_actions_date_check" CHECK(length("recall_actions"."action_on") = 10 and date("recall_actions"."action_on") = "recall_actions"."action_on")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recall_actions_unique` ON `recall_actions` (`recall_id`,`device_id`);--> statement-breakpoint
CREATE INDEX `recall_actions_device_idx` ON `recall_actions` (`device_id`);--> statement-breakpoint
CREATE TABLE `recall_model_matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recall_id` integer NOT NULL,
	`model_id` integer NOT NULL,
	`confidence` text NOT NULL,
	`reason` text NOT NULL,
	`matched_at` text NOT NULL,
	`review_decision` text,
	`review_reason` text,
	`reviewed_by` integer,
	`reviewed_at` text,
	FOREIGN KEY (`recall_id`) REFERENCES `recalls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_id`) REFERENCES `device_models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recall_model_matches_confidence_check" CHECK("recall_model_matches"."confidence" in ('matched', 'confirm')),
	CONSTRAINT "recall_model_matches_review_check" CHECK(("recall_model_matches"."review_decision" is null and "recall_model_matches"."review_reason" is null and "recall_model_matches"."reviewed_by" is null and "recall_model_matches"."reviewed_at" is null) or ("recall_model_matches"."review_decision" in ('confirmed', 'dismissed') and length(trim("recall_model_matches"."review_reason")) > 0 and "recall_model_matches"."reviewed_by" is not null and "recall_model_matches"."reviewed_at" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recall_model_matches_unique` ON `recall_model_matches` (`recall_id`,`model_id`);--> statement-breakpoint
CREATE INDEX `recall_model_matches_model_idx` ON `recall_model_matches` (`model_id`);--> statement-breakpoint
CREATE TABLE `recall_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recall_id` integer NOT NULL,
	`imported_at` text NOT NULL,
	`actor_id` integer,
	`file_name` text NOT NULL,
	`source` text NOT NULL,
	`content` text NOT NULL,
	`content_sha256` text NOT NULL,
	FOREIGN KEY (`recall_id`) REFERENCES `recalls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recall_revisions_source_check" CHECK("recall_revisions"."source" in ('recall', 'enforcement'))
);
--> statement-breakpoint
CREATE INDEX `recall_revisions_recall_idx` ON `recall_revisions` (`recall_id`,`id`);--> statement-breakpoint
CREATE TABLE `recalls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recall_number` text NOT NULL,
	`recall_class` text,
	`firm` text,
	`product_description` text,
	`product_code` text NOT NULL,
	`reason` text,
	`initiated_on` text,
	`posted_on` text,
	`terminated_on` text,
	`status` text,
	`content_sha256` text NOT NULL,
	`imported_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "recalls_class_check" CHECK("recalls"."recall_class" is null or "recalls"."recall_class" in ('I', 'II', 'III')),
	CONSTRAINT "recalls_product_code_check" CHECK(length("recalls"."product_code") = 3),
	CONSTRAINT "recalls_number_check" CHECK(length(trim("recalls"."recall_number")) > 0),
	CONSTRAINT "recalls_initiated_check" CHECK("recalls"."initiated_on" is null or (length("recalls"."initiated_on") = 10 and date("recalls"."initiated_on") = "recalls"."initiated_on")),
	CONSTRAINT "recalls_posted_check" CHECK("recalls"."posted_on" is null or (length("recalls"."posted_on") = 10 and date("recalls"."posted_on") = "recalls"."posted_on")),
	CONSTRAINT "recalls_terminated_check" CHECK("recalls"."terminated_on" is null or (length("recalls"."terminated_on") = 10 and date("recalls"."terminated_on") = "recalls"."terminated_on"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recalls_number_unique` ON `recalls` (`recall_number`);--> statement-breakpoint
CREATE INDEX `recalls_product_code_idx` ON `recalls` (`product_code`);--> statement-breakpoint
CREATE TABLE `support_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`model_id` integer NOT NULL,
	`site_id` integer,
	`kind` text NOT NULL,
	`replace_by` text,
	`capital_request_ref` text,
	`controls` text DEFAULT '[]' NOT NULL,
	`details` text,
	`review_on` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `device_models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "support_decisions_kind_check" CHECK("support_decisions"."kind" in ('replace', 'mitigate')),
	CONSTRAINT "support_decisions_review_on_check" CHECK(length("support_decisions"."review_on") = 10 and date("support_decisions"."review_on") = "support_decisions"."review_on"),
	CONSTRAINT "support_decisions_replace_by_check" CHECK("support_decisions"."replace_by" is null or (length("support_decisions"."replace_by") = 10 and date("support_decisions"."replace_by") = "support_decisions"."replace_by")),
	CONSTRAINT "support_decisions_shape_check" CHECK(("support_decisions"."kind" = 'replace' and "support_decisions"."replace_by" is not null and length(trim("support_decisions"."capital_request_ref")) > 0) or ("support_decisions"."kind" = 'mitigate' and "support_decisions"."controls" <> '[]'))
);
--> statement-breakpoint
CREATE INDEX `support_decisions_model_idx` ON `support_decisions` (`model_id`,`site_id`,`id`);--> statement-breakpoint
-- What FDA said before and what was done about a recall are history: no UPDATE, no DELETE.
-- PostgreSQL: one BEFORE UPDATE OR DELETE trigger per table calling a function that RAISEs (as for audit_log).
CREATE TRIGGER `recall_revisions_no_update` BEFORE UPDATE ON `recall_revisions`
BEGIN SELECT RAISE(ABORT, 'recall_revisions is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `recall_revisions_no_delete` BEFORE DELETE ON `recall_revisions`
BEGIN SELECT RAISE(ABORT, 'recall_revisions is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `recall_actions_no_update` BEFORE UPDATE ON `recall_actions`
BEGIN SELECT RAISE(ABORT, 'recall_actions is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `recall_actions_no_delete` BEFORE DELETE ON `recall_actions`
BEGIN SELECT RAISE(ABORT, 'recall_actions is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `recalls_no_delete` BEFORE DELETE ON `recalls`
BEGIN SELECT RAISE(ABORT, 'recalls are kept, not deleted'); END;
--> statement-breakpoint
-- Decision 0007: cached read models (dashboard, My items) are stamped with this counter, bumped in the writing transaction.
INSERT INTO `data_versions` (`domain`, `version`) VALUES ('recalls', 0);
--> statement-breakpoint
CREATE TRIGGER `recalls_dv_insert` AFTER INSERT ON `recalls` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'recalls'; END;
--> statement-breakpoint
CREATE TRIGGER `recalls_dv_update` AFTER UPDATE ON `recalls` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'recalls'; END;
--> statement-breakpoint
CREATE TRIGGER `recall_model_matches_dv_insert` AFTER INSERT ON `recall_model_matches` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'recalls'; END;
--> statement-breakpoint
CREATE TRIGGER `recall_model_matches_dv_update` AFTER UPDATE ON `recall_model_matches` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'recalls'; END;
--> statement-breakpoint
CREATE TRIGGER `recall_model_matches_dv_delete` AFTER DELETE ON `recall_model_matches` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'recalls'; END;
--> statement-breakpoint
CREATE TRIGGER `recall_actions_dv_insert` AFTER INSERT ON `recall_actions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'recalls'; END;
--> statement-breakpoint
-- A replace-or-mitigate decision is signed content: a change is a new decision, never an edit.
CREATE TRIGGER `support_decisions_no_update` BEFORE UPDATE ON `support_decisions`
BEGIN SELECT RAISE(ABORT, 'support_decisions is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `support_decisions_no_delete` BEFORE DELETE ON `support_decisions`
BEGIN SELECT RAISE(ABORT, 'support_decisions is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `support_decisions_dv_insert` AFTER INSERT ON `support_decisions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'recalls'; END;
