-- Issue #15: the dashboard's replace-or-mitigate figures (unsupported devices without a decision, decisions overdue for
-- review) depend on a decision's approval signature, and migration 0006's signature triggers bump only the raci,
-- assessments, plans and drills counters. Bumping `recalls` when a support decision is signed lets those figures be
-- cached under the counters like every other read model (decision 0007), instead of re-verifying every decision's
-- signatures on every dashboard view. Signatures are append-only (migration 0001), so an insert is the only change.
CREATE TRIGGER `signatures_support_decision_dv_insert` AFTER INSERT ON `signatures` WHEN NEW.`entity_type` = 'support_decision'
BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'recalls'; END;
