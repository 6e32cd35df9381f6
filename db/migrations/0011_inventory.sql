CREATE TABLE `device_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` integer NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`kind` text NOT NULL,
	`changes` text,
	`work_order` text,
	`import_id` integer,
	`note` text,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "device_events_kind_check" CHECK("device_events"."kind" in ('imported', 'created', 'changed', 'retired', 'patch_applied', 'recall_action', 'note'))
);
--> statement-breakpoint
CREATE INDEX `device_events_device_idx` ON `device_events` (`device_id`,`id`);--> statement-breakpoint
CREATE INDEX `device_events_import_idx` ON `device_events` (`import_id`);--> statement-breakpoint
CREATE TABLE `device_models` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`manufacturer_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`model_number` text,
	`device_class_id` integer,
	`fda_product_code` text,
	`mds2_on_file` integer DEFAULT false NOT NULL,
	`mds2_date` text,
	`end_of_sale` text,
	`end_of_support` text,
	`end_of_security_patches` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`manufacturer_id`) REFERENCES `manufacturers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_class_id`) REFERENCES `device_classes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "device_models_mds2_date_check" CHECK("device_models"."mds2_date" is null or (length("device_models"."mds2_date") = 10 and date("device_models"."mds2_date") = "device_models"."mds2_date")),
	CONSTRAINT "device_models_end_of_sale_check" CHECK("device_models"."end_of_sale" is null or (length("device_models"."end_of_sale") = 10 and date("device_models"."end_of_sale") = "device_models"."end_of_sale")),
	CONSTRAINT "device_models_end_of_support_check" CHECK("device_models"."end_of_support" is null or (length("device_models"."end_of_support") = 10 and date("device_models"."end_of_support") = "device_models"."end_of_support")),
	CONSTRAINT "device_models_end_of_security_patches_check" CHECK("device_models"."end_of_security_patches" is null or (length("device_models"."end_of_security_patches") = 10 and date("device_models"."end_of_security_patches") = "device_models"."end_of_security_patches")),
	CONSTRAINT "device_models_fda_product_code_check" CHECK("device_models"."fda_product_code" is null or length("device_models"."fda_product_code") = 3)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `device_models_manufacturer_name_unique` ON `device_models` (`manufacturer_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `device_models_class_idx` ON `device_models` (`device_class_id`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`asset_tag` text NOT NULL,
	`serial_number` text,
	`manufacturer_id` integer,
	`model_id` integer,
	`description` text,
	`site_id` integer NOT NULL,
	`location` text,
	`status` text DEFAULT 'in_service' NOT NULL,
	`connected` integer DEFAULT false NOT NULL,
	`hostname` text,
	`ip_address` text,
	`mac_address` text,
	`os_name` text,
	`os_version` text,
	`software_version` text,
	`stores_phi` integer DEFAULT false NOT NULL,
	`cmms_source` text,
	`cmms_id` text,
	`last_inventoried_on` text,
	`last_seen_on` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`manufacturer_id`) REFERENCES `manufacturers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_id`) REFERENCES `device_models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "devices_status_check" CHECK("devices"."status" in ('in_service', 'in_storage', 'out_for_repair', 'retired')),
	CONSTRAINT "devices_asset_tag_check" CHECK(length(trim("devices"."asset_tag")) > 0),
	CONSTRAINT "devices_last_inventoried_check" CHECK("devices"."last_inventoried_on" is null or (length("devices"."last_inventoried_on") = 10 and date("devices"."last_inventoried_on") = "devices"."last_inventoried_on")),
	CONSTRAINT "devices_last_seen_check" CHECK("devices"."last_seen_on" is null or (length("devices"."last_seen_on") = 10 and date("devices"."last_seen_on") = "devices"."last_seen_on"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_asset_tag_unique` ON `devices` (`asset_tag`);--> statement-breakpoint
CREATE UNIQUE INDEX `devices_cmms_unique` ON `devices` (`cmms_source`,`cmms_id`) WHERE "devices"."cmms_id" is not null;--> statement-breakpoint
CREATE INDEX `devices_site_status_idx` ON `devices` (`site_id`,`status`);--> statement-breakpoint
CREATE INDEX `devices_model_idx` ON `devices` (`model_id`);--> statement-breakpoint
CREATE INDEX `devices_manufacturer_idx` ON `devices` (`manufacturer_id`);--> statement-breakpoint
CREATE INDEX `devices_serial_idx` ON `devices` (`serial_number`);--> statement-breakpoint
CREATE INDEX `devices_hostname_idx` ON `devices` (`hostname`);--> statement-breakpoint
CREATE INDEX `devices_ip_idx` ON `devices` (`ip_address`);--> statement-breakpoint
CREATE TABLE `import_profiles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`name` text NOT NULL,
	`mapping` text NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_profiles_source_name_unique` ON `import_profiles` (`source`,lower("name"));--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`source` text NOT NULL,
	`profile_id` integer,
	`mapping` text NOT NULL,
	`full_export` integer DEFAULT false NOT NULL,
	`rows_total` integer NOT NULL,
	`created_count` integer NOT NULL,
	`changed_count` integer NOT NULL,
	`unchanged_count` integer NOT NULL,
	`retired_count` integer NOT NULL,
	`error_count` integer NOT NULL,
	`changes` text NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`profile_id`) REFERENCES `import_profiles`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "imports_sha256_check" CHECK(length("imports"."sha256") = 64),
	CONSTRAINT "imports_counts_check" CHECK("imports"."rows_total" >= 0 and "imports"."created_count" >= 0 and "imports"."changed_count" >= 0 and "imports"."unchanged_count" >= 0 and "imports"."retired_count" >= 0 and "imports"."error_count" >= 0)
);
--> statement-breakpoint
CREATE INDEX `imports_at_idx` ON `imports` (`at`);--> statement-breakpoint
CREATE TABLE `manufacturer_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`manufacturer_id` integer NOT NULL,
	`alias` text NOT NULL,
	`alias_key` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`manufacturer_id`) REFERENCES `manufacturers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `manufacturer_aliases_key_unique` ON `manufacturer_aliases` (`alias_key`);--> statement-breakpoint
CREATE INDEX `manufacturer_aliases_manufacturer_idx` ON `manufacturer_aliases` (`manufacturer_id`);--> statement-breakpoint
CREATE TABLE `manufacturers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `manufacturers_name_unique` ON `manufacturers` (lower("name"));--> statement-breakpoint
-- A device's history of work is append-only, like the audit trail: no UPDATE, no DELETE.
-- PostgreSQL: one BEFORE UPDATE OR DELETE trigger per table calling a function that RAISEs (as for audit_log).
CREATE TRIGGER `device_events_no_update` BEFORE UPDATE ON `device_events`
BEGIN SELECT RAISE(ABORT, 'device_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `device_events_no_delete` BEFORE DELETE ON `device_events`
BEGIN SELECT RAISE(ABORT, 'device_events is append-only'); END;
--> statement-breakpoint
-- Devices carry their history and imports their audit entry: a device is retired, never deleted.
CREATE TRIGGER `devices_no_delete` BEFORE DELETE ON `devices`
BEGIN SELECT RAISE(ABORT, 'devices are retired, not deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `imports_no_update` BEFORE UPDATE ON `imports`
BEGIN SELECT RAISE(ABORT, 'imports are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `imports_no_delete` BEFORE DELETE ON `imports`
BEGIN SELECT RAISE(ABORT, 'imports are append-only'); END;
--> statement-breakpoint
-- The leadership dashboard's inventory section is cached under this counter (decision 0007).
-- PostgreSQL: AFTER INSERT OR UPDATE ... FOR EACH STATEMENT triggers bumping the same row (one bump per statement
-- is enough for invalidation and avoids 200,000 bumps in a bulk import).
INSERT INTO `data_versions` (`domain`, `version`) VALUES ('inventory', 0);
--> statement-breakpoint
CREATE TRIGGER `devices_dv_insert` AFTER INSERT ON `devices` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'inventory'; END;
--> statement-breakpoint
CREATE TRIGGER `devices_dv_update` AFTER UPDATE ON `devices` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'inventory'; END;
--> statement-breakpoint
CREATE TRIGGER `device_models_dv_insert` AFTER INSERT ON `device_models` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'inventory'; END;
--> statement-breakpoint
CREATE TRIGGER `device_models_dv_update` AFTER UPDATE ON `device_models` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'inventory'; END;
--> statement-breakpoint
CREATE TRIGGER `device_models_dv_delete` AFTER DELETE ON `device_models` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'inventory'; END;
