ALTER TABLE `devices` ADD `import_fingerprint` text;--> statement-breakpoint
-- Decision 0024: an import skips the read and diff of a row whose fingerprint matches the one it stored. Any other
-- change to the device (an edit, a network update, a later feature's writer) must invalidate it, whatever code
-- does the update: an update that leaves the fingerprint as it was clears it. The import itself always writes a
-- new fingerprint (or NULL) with its updates, so this never fires for its own writes.
CREATE TRIGGER `devices_import_fingerprint_clear` AFTER UPDATE ON `devices`
WHEN old.`import_fingerprint` IS NOT NULL AND new.`import_fingerprint` IS old.`import_fingerprint`
BEGIN UPDATE `devices` SET `import_fingerprint` = NULL WHERE `id` = new.`id`; END;
