CREATE TABLE `api_idempotency_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_id` integer NOT NULL,
	`key` text NOT NULL,
	`route` text NOT NULL,
	`request_sha256` text NOT NULL,
	`response_status` integer,
	`response_body` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "api_idempotency_keys_response_check" CHECK(("api_idempotency_keys"."response_status" is null) = ("api_idempotency_keys"."response_body" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_idempotency_keys_unique` ON `api_idempotency_keys` (`token_id`,`key`);--> statement-breakpoint
CREATE INDEX `api_idempotency_keys_created_idx` ON `api_idempotency_keys` (`created_at`);