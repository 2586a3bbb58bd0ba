-- Reverts V3.2: the index of consultations.selected_plan_id.
DROP INDEX idx_consultations_selected_plan;
