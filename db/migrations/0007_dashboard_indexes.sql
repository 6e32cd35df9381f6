DROP INDEX `drills_site_idx`;--> statement-breakpoint
CREATE INDEX `drills_aar_approved_idx` ON `drills` (`aar_approved_at`);--> statement-breakpoint
CREATE INDEX `drills_site_idx` ON `drills` (`site_id`,`status`,`actual_start`,`kind`,`type`);--> statement-breakpoint
CREATE INDEX `action_items_owner_user_idx` ON `action_items` (`owner_user_id`,`status`);