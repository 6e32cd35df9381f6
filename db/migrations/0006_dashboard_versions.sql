CREATE TABLE `data_versions` (
	`domain` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE `users` ADD `site_id` integer REFERENCES sites(id);
--> statement-breakpoint
INSERT INTO `data_versions` (`domain`, `version`) VALUES ('org', 0), ('raci', 0), ('assessments', 0), ('plans', 0), ('drills', 0);
--> statement-breakpoint
CREATE TRIGGER `sites_dv_insert` AFTER INSERT ON `sites` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `sites_dv_update` AFTER UPDATE ON `sites` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `sites_dv_delete` AFTER DELETE ON `sites` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `parties_dv_insert` AFTER INSERT ON `parties` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `parties_dv_update` AFTER UPDATE ON `parties` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `parties_dv_delete` AFTER DELETE ON `parties` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `device_classes_dv_insert` AFTER INSERT ON `device_classes` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `device_classes_dv_update` AFTER UPDATE ON `device_classes` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `device_classes_dv_delete` AFTER DELETE ON `device_classes` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `users_dv_insert` AFTER INSERT ON `users` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `users_dv_update` AFTER UPDATE ON `users` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `users_dv_delete` AFTER DELETE ON `users` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_dv_insert` AFTER INSERT ON `user_roles` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_dv_update` AFTER UPDATE ON `user_roles` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_dv_delete` AFTER DELETE ON `user_roles` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `settings_dv_insert` AFTER INSERT ON `settings` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `settings_dv_update` AFTER UPDATE ON `settings` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `settings_dv_delete` AFTER DELETE ON `settings` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `activities_dv_insert` AFTER INSERT ON `activities` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `activities_dv_update` AFTER UPDATE ON `activities` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `activities_dv_delete` AFTER DELETE ON `activities` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_template_cells_dv_insert` AFTER INSERT ON `raci_template_cells` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_template_cells_dv_update` AFTER UPDATE ON `raci_template_cells` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_template_cells_dv_delete` AFTER DELETE ON `raci_template_cells` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_overrides_dv_insert` AFTER INSERT ON `raci_overrides` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_overrides_dv_update` AFTER UPDATE ON `raci_overrides` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_overrides_dv_delete` AFTER DELETE ON `raci_overrides` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_revisions_dv_insert` AFTER INSERT ON `raci_revisions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_revisions_dv_update` AFTER UPDATE ON `raci_revisions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_revisions_dv_delete` AFTER DELETE ON `raci_revisions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_versions_dv_insert` AFTER INSERT ON `raci_versions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_versions_dv_update` AFTER UPDATE ON `raci_versions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `raci_versions_dv_delete` AFTER DELETE ON `raci_versions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'raci'; END;
--> statement-breakpoint
CREATE TRIGGER `signatures_dv_insert` AFTER INSERT ON `signatures` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` IN ('raci', 'assessments', 'plans', 'drills'); END;
--> statement-breakpoint
CREATE TRIGGER `signatures_dv_update` AFTER UPDATE ON `signatures` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` IN ('raci', 'assessments', 'plans', 'drills'); END;
--> statement-breakpoint
CREATE TRIGGER `signatures_dv_delete` AFTER DELETE ON `signatures` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` IN ('raci', 'assessments', 'plans', 'drills'); END;
--> statement-breakpoint
CREATE TRIGGER `assessments_dv_insert` AFTER INSERT ON `assessments` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `assessments_dv_update` AFTER UPDATE ON `assessments` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `assessments_dv_delete` AFTER DELETE ON `assessments` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `assessment_answers_dv_insert` AFTER INSERT ON `assessment_answers` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `assessment_answers_dv_update` AFTER UPDATE ON `assessment_answers` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `assessment_answers_dv_delete` AFTER DELETE ON `assessment_answers` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `assessment_assignees_dv_insert` AFTER INSERT ON `assessment_assignees` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `assessment_assignees_dv_update` AFTER UPDATE ON `assessment_assignees` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `assessment_assignees_dv_delete` AFTER DELETE ON `assessment_assignees` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `assessment_function_reviews_dv_insert` AFTER INSERT ON `assessment_function_reviews` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `assessment_function_reviews_dv_update` AFTER UPDATE ON `assessment_function_reviews` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `assessment_function_reviews_dv_delete` AFTER DELETE ON `assessment_function_reviews` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'assessments'; END;
--> statement-breakpoint
CREATE TRIGGER `response_plans_dv_insert` AFTER INSERT ON `response_plans` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'plans'; END;
--> statement-breakpoint
CREATE TRIGGER `response_plans_dv_update` AFTER UPDATE ON `response_plans` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'plans'; END;
--> statement-breakpoint
CREATE TRIGGER `response_plans_dv_delete` AFTER DELETE ON `response_plans` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'plans'; END;
--> statement-breakpoint
CREATE TRIGGER `plan_versions_dv_insert` AFTER INSERT ON `plan_versions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'plans'; END;
--> statement-breakpoint
CREATE TRIGGER `plan_versions_dv_update` AFTER UPDATE ON `plan_versions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'plans'; END;
--> statement-breakpoint
CREATE TRIGGER `plan_versions_dv_delete` AFTER DELETE ON `plan_versions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'plans'; END;
--> statement-breakpoint
CREATE TRIGGER `plan_acknowledgements_dv_insert` AFTER INSERT ON `plan_acknowledgements` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'plans'; END;
--> statement-breakpoint
CREATE TRIGGER `plan_acknowledgements_dv_update` AFTER UPDATE ON `plan_acknowledgements` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'plans'; END;
--> statement-breakpoint
CREATE TRIGGER `plan_acknowledgements_dv_delete` AFTER DELETE ON `plan_acknowledgements` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'plans'; END;
--> statement-breakpoint
CREATE TRIGGER `drills_dv_insert` AFTER INSERT ON `drills` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `drills_dv_update` AFTER UPDATE ON `drills` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `drills_dv_delete` AFTER DELETE ON `drills` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `drill_plans_dv_insert` AFTER INSERT ON `drill_plans` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `drill_plans_dv_update` AFTER UPDATE ON `drill_plans` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `drill_plans_dv_delete` AFTER DELETE ON `drill_plans` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `drill_objectives_dv_insert` AFTER INSERT ON `drill_objectives` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `drill_objectives_dv_update` AFTER UPDATE ON `drill_objectives` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `drill_objectives_dv_delete` AFTER DELETE ON `drill_objectives` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `drill_findings_dv_insert` AFTER INSERT ON `drill_findings` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `drill_findings_dv_update` AFTER UPDATE ON `drill_findings` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `drill_findings_dv_delete` AFTER DELETE ON `drill_findings` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `action_items_dv_insert` AFTER INSERT ON `action_items` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `action_items_dv_update` AFTER UPDATE ON `action_items` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `action_items_dv_delete` AFTER DELETE ON `action_items` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `site_drill_settings_dv_insert` AFTER INSERT ON `site_drill_settings` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `site_drill_settings_dv_update` AFTER UPDATE ON `site_drill_settings` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
--> statement-breakpoint
CREATE TRIGGER `site_drill_settings_dv_delete` AFTER DELETE ON `site_drill_settings` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `domain` = 'drills'; END;
