-- V3: treatment plans (the application's 003_treatment_plans.sql), the inventory table that the
-- application's get_plan_medications reads but no migration created, the plan snapshot columns on
-- consultations, get_plan_medications.
-- Fixed here: inventory exists; the function reads the plan's {sku, qty} list and looks SKUs up in
-- inventory.sku (the application referenced a wrong column); UNIQUE (condition, plan_tier) so seeds
-- have a natural key; updated_at maintained on inventory.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE treatment_plans (
    id             uuid          NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    condition      varchar(50)   NOT NULL,
    plan_tier      varchar(20)   NOT NULL,
    name           varchar(100)  NOT NULL,
    price          numeric(10,2) NOT NULL,
    billing_period varchar(20)   DEFAULT 'month',
    protocol_key   varchar(50),
    features       jsonb,
    medications    jsonb,
    is_popular     boolean       DEFAULT false,
    sort_order     integer       DEFAULT 0,
    created_at     timestamptz   DEFAULT CURRENT_TIMESTAMP,
    updated_at     timestamptz   DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT treatment_plans_pkey PRIMARY KEY (id),
    CONSTRAINT treatment_plans_condition_plan_tier_key UNIQUE (condition, plan_tier)
);
COMMENT ON TABLE treatment_plans IS 'Plans offered per condition and tier (basic, standard, premium) with their medication SKUs.';
COMMENT ON COLUMN treatment_plans.condition IS 'weightLoss, hairLoss, mensHealth, womensHealth, longevity, trt';
COMMENT ON COLUMN treatment_plans.billing_period IS 'month, dose, one-time';
COMMENT ON COLUMN treatment_plans.medications IS 'List of {sku, qty}; sku matches inventory.sku.';

CREATE TABLE inventory (
    id                 uuid          NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    sku                varchar(100)  NOT NULL,
    medication_name    varchar(255)  NOT NULL,
    generic_name       varchar(255),
    strength           varchar(50),
    form               varchar(50),
    quantity_on_hand   integer       DEFAULT 0,
    quantity_reserved  integer       DEFAULT 0,
    reorder_point      integer       DEFAULT 10,
    reorder_quantity   integer       DEFAULT 100,
    cost_per_unit      numeric(10,2),
    retail_price       numeric(10,2),
    subscription_price numeric(10,2),
    supplier_name      varchar(200),
    supplier_sku       varchar(100),
    lead_time_days     integer       DEFAULT 7,
    category           varchar(100),
    subcategory        varchar(100),
    tags               text[],
    is_active          boolean       DEFAULT true,
    created_at         timestamptz   DEFAULT CURRENT_TIMESTAMP,
    updated_at         timestamptz   DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT inventory_pkey PRIMARY KEY (id),
    CONSTRAINT inventory_sku_key UNIQUE (sku)
);
COMMENT ON TABLE inventory IS 'Stock per SKU (module addition: the application''s ORM model describes it, no migration created it).';

-- The FK is added NOT VALID (no scan of consultations under this transaction's lock; new rows are
-- checked at once) and validated by V3.1; its index is built CONCURRENTLY by V3.2.
ALTER TABLE consultations
    ADD COLUMN selected_plan_id uuid,
    ADD COLUMN selected_plan_name varchar(100),
    ADD COLUMN selected_plan_price numeric(10,2),
    ADD CONSTRAINT consultations_selected_plan_id_fkey FOREIGN KEY (selected_plan_id) REFERENCES treatment_plans (id) NOT VALID;
COMMENT ON COLUMN consultations.selected_plan_name IS 'Snapshot of the plan name at selection time.';
COMMENT ON COLUMN consultations.selected_plan_price IS 'Snapshot of the plan price at selection time.';

CREATE INDEX idx_treatment_plans_condition ON treatment_plans (condition);
CREATE INDEX idx_treatment_plans_tier ON treatment_plans (plan_tier);

CREATE TRIGGER update_treatment_plans_updated_at BEFORE UPDATE ON treatment_plans
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_inventory_updated_at BEFORE UPDATE ON inventory
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- One row per element of the plan's medications list, in list order; name and retail price from
-- inventory by SKU (unknown SKU: NULL name, prices); total = unit price x quantity.
CREATE FUNCTION get_plan_medications(plan_id uuid)
    RETURNS TABLE (
        medication_sku  varchar,
        medication_name varchar,
        quantity        integer,
        unit_price      numeric,
        total_price     numeric
    )
    LANGUAGE sql
    STABLE
    SET search_path = pg_catalog, ${schema}, pg_temp
AS $fn$
    SELECT (e.item ->> 'sku')::varchar,
           i.medication_name,
           (e.item ->> 'qty')::integer,
           i.retail_price,
           i.retail_price * (e.item ->> 'qty')::integer
      FROM treatment_plans tp
     CROSS JOIN LATERAL jsonb_array_elements(
               CASE WHEN jsonb_typeof(tp.medications) = 'array' THEN tp.medications ELSE '[]'::jsonb END
           ) WITH ORDINALITY AS e(item, ord)
      LEFT JOIN inventory i ON i.sku = e.item ->> 'sku'
     WHERE tp.id = get_plan_medications.plan_id
     ORDER BY e.ord
$fn$;
COMMENT ON FUNCTION get_plan_medications(uuid) IS 'Medications of a plan: sku, inventory name, quantity, inventory retail price, total (NULL prices for SKUs not in inventory).';
