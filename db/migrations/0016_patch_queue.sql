CREATE TABLE `patch_past_due_notices` (
	`advisory_id` integer NOT NULL,
	`device_id` integer NOT NULL,
	`due_on` text NOT NULL,
	`notified_at` text NOT NULL,
	FOREIGN KEY (`advisory_id`) REFERENCES `advisories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patch_past_due_notices_unique` ON `patch_past_due_notices` (`advisory_id`,`device_id`,`due_on`);--> statement-breakpoint
CREATE TABLE `patch_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`advisory_id` integer NOT NULL,
	`device_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`applied_on` text,
	`work_order` text,
	`defer_until` text,
	`reason` text,
	`notes` text,
	`signature_id` integer,
	`import_id` integer,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`advisory_id`) REFERENCES `advisories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "patch_records_outcome_check" CHECK("patch_records"."outcome" in ('applied', 'deferred', 'not_applicable')),
	CONSTRAINT "patch_records_applied_on_check" CHECK("patch_records"."applied_on" is null or (length("patch_records"."applied_on") = 10 and date("patch_records"."applied_on") = "patch_records"."applied_on")),
	CONSTRAINT "patch_records_defer_until_check" CHECK("patch_records"."defer_until" is null or (length("patch_records"."defer_until") = 10 and date("patch_records"."defer_until") = "patch_records"."defer_until")),
	CONSTRAINT "patch_records_evidence_check" CHECK(("patch_records"."outcome" = 'applied' and "patch_records"."applied_on" is not null and length(trim("patch_records"."work_order")) > 0)
        or ("patch_records"."outcome" = 'deferred' and "patch_records"."defer_until" is not null and length(trim("patch_records"."reason")) > 0 and "patch_records"."signature_id" is not null)
        or ("patch_records"."outcome" = 'not_applicable' and length(trim("patch_records"."reason")) > 0))
);
--> statement-breakpoint
CREATE INDEX `patch_records_item_idx` ON `patch_records` (`advisory_id`,`device_id`,`id`);--> statement-breakpoint
CREATE INDEX `patch_records_device_idx` ON `patch_records` (`device_id`);
--> statement-breakpoint
-- What people recorded about a patch item is evidence (a signed deferral, a work order): append-only, like the audit
-- trail; a later outcome is a new row. PostgreSQL: one BEFORE UPDATE OR DELETE trigger calling a function that RAISEs.
CREATE TRIGGER `patch_records_no_update` BEFORE UPDATE ON `patch_records`
BEGIN SELECT RAISE(ABORT, 'patch_records is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `patch_records_no_delete` BEFORE DELETE ON `patch_records`
BEGIN SELECT RAISE(ABORT, 'patch_records is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `patch_past_due_notices_no_delete` BEFORE DELETE ON `patch_past_due_notices`
BEGIN SELECT RAISE(ABORT, 'patch_past_due_notices is append-only'); END;
--> statement-breakpoint
-- The dashboard's patch figures are cached under this counter (decision 0007). PostgreSQL: FOR EACH STATEMENT.
INSERT INTO `data_versions` (`domain`, `version`) VALUES ('patches', 0);
--> statement-breakpoint
CREATE TRIGGER `patch_records_dv_insert` AFTER INSERT ON `patch_records` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'patches'; END;
