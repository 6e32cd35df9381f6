DROP INDEX `devices_site_status_idx`;--> statement-breakpoint
CREATE INDEX `devices_site_status_idx` ON `devices` (`site_id`,`status`,`model_id`,`asset_tag`);