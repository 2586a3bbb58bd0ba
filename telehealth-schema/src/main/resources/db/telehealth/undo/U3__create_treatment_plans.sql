-- Reverts V3: function, the plan columns on consultations, inventory and treatment_plans.
DROP FUNCTION get_plan_medications(uuid);
ALTER TABLE consultations DROP CONSTRAINT consultations_selected_plan_id_fkey;
ALTER TABLE consultations DROP COLUMN selected_plan_price, DROP COLUMN selected_plan_name, DROP COLUMN selected_plan_id;
DROP TABLE inventory;
DROP TABLE treatment_plans;
