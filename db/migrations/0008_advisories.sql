CREATE TABLE `advisories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tracking_id` text NOT NULL,
	`title` text NOT NULL,
	`publisher` text NOT NULL,
	`initial_release_date` text NOT NULL,
	`current_release_date` text NOT NULL,
	`version` text NOT NULL,
	`revisions` text DEFAULT '[]' NOT NULL,
	`content_sha256` text NOT NULL,
	`imported_by` integer NOT NULL,
	`imported_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `advisories_tracking_unique` ON `advisories` (upper("tracking_id"));--> statement-breakpoint
CREATE INDEX `advisories_release_idx` ON `advisories` (`initial_release_date`);--> statement-breakpoint
CREATE TABLE `advisory_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`advisory_id` integer NOT NULL,
	`version` text NOT NULL,
	`current_release_date` text NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`outcome` text NOT NULL,
	`imported_by` integer NOT NULL,
	`imported_at` text NOT NULL,
	FOREIGN KEY (`advisory_id`) REFERENCES `advisories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "advisory_imports_outcome_check" CHECK("advisory_imports"."outcome" in ('created', 'updated'))
);
--> statement-breakpoint
CREATE INDEX `advisory_imports_advisory_idx` ON `advisory_imports` (`advisory_id`);--> statement-breakpoint
CREATE TABLE `advisory_products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`advisory_id` integer NOT NULL,
	`product_key` text NOT NULL,
	`vendor` text NOT NULL,
	`product_name` text NOT NULL,
	`version_text` text,
	`version_kind` text,
	`full_name` text NOT NULL,
	`removed_in_version` text,
	FOREIGN KEY (`advisory_id`) REFERENCES `advisories`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "advisory_products_version_kind_check" CHECK("advisory_products"."version_kind" is null or "advisory_products"."version_kind" in ('product_version', 'product_version_range'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `advisory_products_key_unique` ON `advisory_products` (`advisory_id`,`product_key`);--> statement-breakpoint
CREATE INDEX `advisory_products_vendor_idx` ON `advisory_products` (`vendor`);--> statement-breakpoint
CREATE TABLE `advisory_remediations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vulnerability_id` integer NOT NULL,
	`category` text NOT NULL,
	`details` text NOT NULL,
	`url` text,
	`product_ids` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`vulnerability_id`) REFERENCES `advisory_vulnerabilities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "advisory_remediations_category_check" CHECK("advisory_remediations"."category" in ('vendor_fix', 'mitigation', 'workaround', 'none_available', 'no_fix_planned'))
);
--> statement-breakpoint
CREATE INDEX `advisory_remediations_vulnerability_idx` ON `advisory_remediations` (`vulnerability_id`);--> statement-breakpoint
CREATE TABLE `advisory_vulnerabilities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`advisory_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`cve` text,
	`cwe_id` text,
	`cwe_name` text,
	`title` text,
	`summary` text,
	`cvss_score` real,
	`cvss_vector` text,
	`cvss_computed` real,
	FOREIGN KEY (`advisory_id`) REFERENCES `advisories`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "advisory_vulnerabilities_cvss_check" CHECK("advisory_vulnerabilities"."cvss_score" is null or ("advisory_vulnerabilities"."cvss_score" >= 0 and "advisory_vulnerabilities"."cvss_score" <= 10))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `advisory_vulnerabilities_ordinal_unique` ON `advisory_vulnerabilities` (`advisory_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `advisory_vulnerabilities_cve_idx` ON `advisory_vulnerabilities` (`cve`);--> statement-breakpoint
CREATE TABLE `kev_entries` (
	`cve` text PRIMARY KEY NOT NULL,
	`vendor_project` text NOT NULL,
	`product` text NOT NULL,
	`name` text NOT NULL,
	`date_added` text NOT NULL,
	`due_date` text NOT NULL,
	`ransomware_use` text NOT NULL,
	`short_description` text NOT NULL,
	`required_action` text NOT NULL,
	`catalog_version` text NOT NULL,
	`imported_at` text NOT NULL,
	`removed_at` text
);
--> statement-breakpoint
CREATE INDEX `kev_entries_added_idx` ON `kev_entries` (`date_added`);--> statement-breakpoint
CREATE TABLE `vulnerability_product_status` (
	`vulnerability_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`status` text NOT NULL,
	FOREIGN KEY (`vulnerability_id`) REFERENCES `advisory_vulnerabilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `advisory_products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "vulnerability_product_status_check" CHECK("vulnerability_product_status"."status" in ('known_affected', 'fixed', 'known_not_affected', 'first_affected', 'last_affected', 'first_fixed', 'recommended', 'under_investigation'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vulnerability_product_status_unique` ON `vulnerability_product_status` (`vulnerability_id`,`product_id`,`status`);--> statement-breakpoint
CREATE INDEX `vulnerability_product_status_product_idx` ON `vulnerability_product_status` (`product_id`);