CREATE TABLE `patch_deferral_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`advisory_id` integer NOT NULL,
	`device_id` integer NOT NULL,
	`reason` text NOT NULL,
	`defer_until` text NOT NULL,
	`api_token_id` integer,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	`accepted_record_id` integer,
	FOREIGN KEY (`advisory_id`) REFERENCES `advisories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`api_token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_record_id`) REFERENCES `patch_records`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "patch_deferral_requests_defer_until_check" CHECK("patch_deferral_requests"."defer_until" is null or (length("patch_deferral_requests"."defer_until") = 10 and date("patch_deferral_requests"."defer_until") = "patch_deferral_requests"."defer_until")),
	CONSTRAINT "patch_deferral_requests_reason_check" CHECK(length(trim("patch_deferral_requests"."reason")) > 0)
);
--> statement-breakpoint
CREATE INDEX `patch_deferral_requests_item_idx` ON `patch_deferral_requests` (`advisory_id`,`device_id`,`id`);