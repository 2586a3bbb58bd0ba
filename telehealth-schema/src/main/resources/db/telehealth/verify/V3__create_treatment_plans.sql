-- Asserts V3: treatment_plans, inventory, the plan columns on consultations (their FK validated: verify/V3.1,
-- their index: verify/V3.2), get_plan_medications works.
-- Catalog checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
DECLARE
    plan uuid;
    r record;
BEGIN
    PERFORM pg_temp.verify_expect('telehealth V3', 'tables missing', ARRAY(
        SELECT t FROM unnest(ARRAY['treatment_plans', 'inventory']) AS t
         WHERE t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE kind = 'r')));
    PERFORM pg_temp.verify_expect('telehealth V3', 'consultations lacks columns', ARRAY(
        SELECT c FROM unnest(ARRAY['selected_plan_id', 'selected_plan_name', 'selected_plan_price']) AS c
         WHERE c NOT IN (SELECT col FROM pg_temp.verify_columns('${schema}') WHERE tbl = 'consultations')));
    PERFORM pg_temp.verify_expect('telehealth V3', 'indexes missing', ARRAY(
        SELECT i FROM unnest(ARRAY['idx_treatment_plans_condition', 'idx_treatment_plans_tier']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
    INSERT INTO inventory (sku, medication_name, retail_price) VALUES ('VERIFY-SKU', 'Verify', 2.50);
    INSERT INTO treatment_plans (condition, plan_tier, name, price, medications)
    VALUES ('verifyCondition', 'basic', 'Verify', 1, '[{"sku": "VERIFY-SKU", "qty": 4}]') RETURNING id INTO plan;
    SELECT * INTO r FROM get_plan_medications(plan);
    IF r.medication_sku IS DISTINCT FROM 'VERIFY-SKU' OR r.quantity IS DISTINCT FROM 4 OR r.total_price IS DISTINCT FROM 10.00 THEN
        RAISE EXCEPTION 'telehealth V3: get_plan_medications returned %', r;
    END IF;
END
$$;
