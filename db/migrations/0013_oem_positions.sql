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
