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