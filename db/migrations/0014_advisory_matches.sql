CREATE TABLE `advisory_device_matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`advisory_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`device_id` integer NOT NULL,
	`model_id` integer,
	`confidence` text NOT NULL,
	`reason` text NOT NULL,
	`matched_at` text NOT NULL,
	`review_decision` text,
	`review_reason` text,
	`reviewed_by` integer,
	`reviewed_at` text,
	`superseded_at` text,
	FOREIGN KEY (`advisory_id`) REFERENCES `advisories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `advisory_products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_id`) REFERENCES `device_models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "advisory_device_matches_confidence_check" CHECK("advisory_device_matches"."confidence" in ('version', 'model', 'possible')),
	CONSTRAINT "advisory_device_matches_review_check" CHECK(("advisory_device_matches"."review_decision" is null and "advisory_device_matches"."review_reason" is null and "advisory_device_matches"."reviewed_by" is null and "advisory_device_matches"."reviewed_at" is null) or ("advisory_device_matches"."review_decision" in ('confirmed', 'dismissed') and length(trim("advisory_device_matches"."review_reason")) > 0 and "advisory_device_matches"."reviewed_by" is not null and "advisory_device_matches"."reviewed_at" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `advisory_device_matches_unique` ON `advisory_device_matches` (`advisory_id`,`device_id`);--> statement-breakpoint
CREATE INDEX `advisory_device_matches_device_idx` ON `advisory_device_matches` (`device_id`);--> statement-breakpoint
CREATE INDEX `advisory_device_matches_model_idx` ON `advisory_device_matches` (`model_id`,`advisory_id`);
--> statement-breakpoint
CREATE TABLE `oem_positions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`advisory_id` integer NOT NULL,
	`model_id` integer NOT NULL,
	`position` text NOT NULL,
	`bulletin_ref` text,
	`bulletin_url` text,
	`validated_version` text,
	`validated_on` text,
	`install_notes` text,
	`note` text,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`advisory_id`) REFERENCES `advisories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_id`) REFERENCES `device_models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "oem_positions_position_check" CHECK("oem_positions"."position" in ('not_answered', 'validating', 'patch_available', 'not_affected', 'mitigation_only', 'unsupported')),
	CONSTRAINT "oem_positions_validated_on_check" CHECK("oem_positions"."validated_on" is null or (length("oem_positions"."validated_on") = 10 and date("oem_positions"."validated_on") = "oem_positions"."validated_on")),
	CONSTRAINT "oem_positions_patch_check" CHECK(("oem_positions"."position" = 'patch_available' and (length(trim(coalesce("oem_positions"."bulletin_ref", ''))) > 0 or length(trim(coalesce("oem_positions"."bulletin_url", ''))) > 0) and length(trim(coalesce("oem_positions"."validated_version", ''))) > 0 and "oem_positions"."validated_on" is not null) or ("oem_positions"."position" <> 'patch_available' and "oem_positions"."validated_version" is null and "oem_positions"."validated_on" is null))
);
--> statement-breakpoint
CREATE INDEX `oem_positions_advisory_model_idx` ON `oem_positions` (`advisory_id`,`model_id`,`id`);--> statement-breakpoint
CREATE INDEX `oem_positions_model_idx` ON `oem_positions` (`model_id`);--> statement-breakpoint
-- OEM positions are versioned by appending: the history of what the OEM said is kept (issue #13 item 3).
CREATE TRIGGER `oem_positions_no_update` BEFORE UPDATE ON `oem_positions`
BEGIN SELECT RAISE(ABORT, 'oem_positions are append-only: record a new position instead'); END;
--> statement-breakpoint
CREATE TRIGGER `oem_positions_no_delete` BEFORE DELETE ON `oem_positions`
BEGIN SELECT RAISE(ABORT, 'oem_positions are append-only'); END;
--> statement-breakpoint
-- Dashboard cache counter for advisories, KEV, matches and OEM positions (decision 0007): figures never stale.
INSERT INTO `data_versions` (`domain`, `version`) VALUES ('advisories', 0);
--> statement-breakpoint
CREATE TRIGGER `oem_positions_dv_insert` AFTER INSERT ON `oem_positions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'advisories'; END;
--> statement-breakpoint
CREATE TRIGGER `advisory_device_matches_dv_insert` AFTER INSERT ON `advisory_device_matches` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'advisories'; END;
--> statement-breakpoint
CREATE TRIGGER `advisory_device_matches_dv_update` AFTER UPDATE ON `advisory_device_matches` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'advisories'; END;
--> statement-breakpoint
CREATE TRIGGER `advisory_device_matches_dv_delete` AFTER DELETE ON `advisory_device_matches` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'advisories'; END;
--> statement-breakpoint
CREATE TRIGGER `advisories_dv_insert` AFTER INSERT ON `advisories` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'advisories'; END;
--> statement-breakpoint
CREATE TRIGGER `advisories_dv_update` AFTER UPDATE ON `advisories` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'advisories'; END;
--> statement-breakpoint
CREATE TRIGGER `kev_entries_dv_insert` AFTER INSERT ON `kev_entries` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'advisories'; END;
--> statement-breakpoint
CREATE TRIGGER `kev_entries_dv_update` AFTER UPDATE ON `kev_entries` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'advisories'; END;
