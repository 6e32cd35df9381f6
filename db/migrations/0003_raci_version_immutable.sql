-- A submitted RACI version's signed content never changes; only its status moves on.
CREATE TRIGGER `raci_versions_content_immutable` BEFORE UPDATE OF `content`, `required_signers`, `device_class_id`, `version_no` ON `raci_versions`
BEGIN SELECT RAISE(ABORT, 'a submitted RACI version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `raci_versions_no_delete` BEFORE DELETE ON `raci_versions`
BEGIN SELECT RAISE(ABORT, 'RACI versions are never deleted'); END;
