-- Asserts V3: treatment_plans, inventory, the plan columns on consultations, get_plan_medications works.
DO $$
DECLARE
    plan uuid;
    r record;
BEGIN
    IF to_regclass(format('%I.treatment_plans', '${schema}')) IS NULL OR to_regclass(format('%I.inventory', '${schema}')) IS NULL THEN
        RAISE EXCEPTION 'telehealth V3: treatment_plans or inventory is missing';
    END IF;
    IF (SELECT count(*) FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'consultations'
          AND column_name IN ('selected_plan_id', 'selected_plan_name', 'selected_plan_price')) <> 3 THEN
        RAISE EXCEPTION 'telehealth V3: consultations lacks the selected_plan_* columns';
    END IF;
    IF to_regclass(format('%I.idx_consultations_selected_plan', '${schema}')) IS NULL
       OR to_regclass(format('%I.idx_treatment_plans_condition', '${schema}')) IS NULL
       OR to_regclass(format('%I.idx_treatment_plans_tier', '${schema}')) IS NULL THEN
        RAISE EXCEPTION 'telehealth V3: an index is missing';
    END IF;
    INSERT INTO inventory (sku, medication_name, retail_price) VALUES ('VERIFY-SKU', 'Verify', 2.50);
    INSERT INTO treatment_plans (condition, plan_tier, name, price, medications)
    VALUES ('verifyCondition', 'basic', 'Verify', 1, '[{"sku": "VERIFY-SKU", "qty": 4}]') RETURNING id INTO plan;
    SELECT * INTO r FROM get_plan_medications(plan);
    IF r.medication_sku IS DISTINCT FROM 'VERIFY-SKU' OR r.quantity IS DISTINCT FROM 4 OR r.total_price IS DISTINCT FROM 10.00 THEN
        RAISE EXCEPTION 'telehealth V3: get_plan_medications returned %', r;
    END IF;
END
$$;
