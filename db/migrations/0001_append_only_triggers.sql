-- The audit trail and electronic signatures are append-only: no UPDATE, no DELETE, ever.
-- (HIPAA 164.312(b) audit controls; 21 CFR 11.10(e) audit trails, 11.70 signature/record linking.)
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `signatures_no_update` BEFORE UPDATE ON `signatures`
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `signatures_no_delete` BEFORE DELETE ON `signatures`
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
