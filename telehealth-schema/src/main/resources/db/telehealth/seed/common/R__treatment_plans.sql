-- Reference data (every environment): 18 treatment plans, 3 tiers for each of 6 conditions, keyed by
-- (condition, plan_tier). Sort order 1-3 by tier; the standard tier is the popular one.
-- Idempotent: ON CONFLICT updates a plan only when one of its fields differs (a re-run changes
-- nothing, not even updated_at).
INSERT INTO treatment_plans AS tp (condition, plan_tier, name, price, billing_period, protocol_key, features, medications, is_popular, sort_order)
VALUES
    ('weightLoss', 'basic', 'Starter Plan', 99.00, 'month', 'starter',
     '["Provider consultation", "Metformin + Orlistat protocol", "Monthly check-ins", "Free shipping"]',
     '[{"sku": "MET-500-TAB", "qty": 60}, {"sku": "ORL-60-CAP", "qty": 90}]', false, 1),
    ('weightLoss', 'standard', 'Accelerated Plan', 149.00, 'month', 'glp1',
     '["Provider consultation", "GLP-1 (semaglutide 0.25 mg)", "Bi-weekly check-ins", "Nutrition guide", "Free shipping"]',
     '[{"sku": "SEM-025-PEN", "qty": 4}]', true, 2),
    ('weightLoss', 'premium', 'Comprehensive Plan', 249.00, 'month', 'glp1',
     '["Provider consultation", "GLP-1 (semaglutide 0.5 mg)", "Weekly check-ins", "Personal nutrition coaching", "Lab work included", "Priority support"]',
     '[{"sku": "SEM-050-PEN", "qty": 4}]', false, 3),

    ('hairLoss', 'basic', 'Essential', 22.00, 'month', 'prevention',
     '["Provider consultation", "Finasteride 1 mg daily", "Free shipping"]',
     '[{"sku": "FIN-1-TAB", "qty": 30}]', false, 1),
    ('hairLoss', 'standard', 'Advanced', 45.00, 'month', 'standard',
     '["Provider consultation", "Finasteride 1 mg daily", "Minoxidil 5 % solution", "Progress photos review"]',
     '[{"sku": "FIN-1-TAB", "qty": 30}, {"sku": "MIN-5-SOL", "qty": 1}]', true, 2),
    ('hairLoss', 'premium', 'Complete Care', 79.00, 'month', 'aggressive',
     '["Provider consultation", "Finasteride 1 mg daily", "Minoxidil 5 % solution (2 bottles)", "Biotin 10,000 mcg", "Priority support"]',
     '[{"sku": "FIN-1-TAB", "qty": 30}, {"sku": "MIN-5-SOL", "qty": 2}, {"sku": "BIO-10K", "qty": 30}]', false, 3),

    ('mensHealth', 'basic', 'Essential ED', 2.00, 'dose', 'standard',
     '["Provider consultation", "Sildenafil 50 mg", "Discreet packaging"]',
     '[{"sku": "SIL-50-TAB", "qty": 10}]', false, 1),
    ('mensHealth', 'standard', 'Performance Plus', 5.00, 'dose', 'standard',
     '["Provider consultation", "Sildenafil 100 mg", "Discreet packaging", "Free refills"]',
     '[{"sku": "SIL-100-TAB", "qty": 20}]', true, 2),
    ('mensHealth', 'premium', 'Total Vitality', 199.00, 'month', 'combination',
     '["Provider consultation", "Sildenafil 100 mg as needed", "Daily tadalafil 5 mg", "Quarterly lab work", "Priority support"]',
     '[{"sku": "SIL-100-TAB", "qty": 8}, {"sku": "TAD-5-TAB", "qty": 30}]', false, 3),

    ('womensHealth', 'basic', 'Essential Care', 30.00, 'month', NULL,
     '["Provider consultation", "Personalized treatment", "Free shipping"]', '[]', false, 1),
    ('womensHealth', 'standard', 'Wellness Plus', 59.00, 'month', NULL,
     '["Provider consultation", "Personalized treatment", "Monthly check-ins", "Free shipping"]', '[]', true, 2),
    ('womensHealth', 'premium', 'Complete Care', 99.00, 'month', NULL,
     '["Provider consultation", "Personalized treatment", "Weekly check-ins", "Lab work included", "Priority support"]', '[]', false, 3),

    ('longevity', 'basic', 'Foundation', 150.00, 'month', NULL,
     '["Provider consultation", "Baseline lab panel", "Personalized longevity plan"]', '[]', false, 1),
    ('longevity', 'standard', 'Optimization', 299.00, 'month', NULL,
     '["Provider consultation", "Metformin protocol", "Quarterly lab panels", "Monthly check-ins"]',
     '[{"sku": "MET-500-TAB", "qty": 60}]', true, 2),
    ('longevity', 'premium', 'Biohacker Elite', 599.00, 'month', NULL,
     '["Provider consultation", "Advanced biomarker testing", "Custom protocol", "Weekly check-ins", "Concierge support", "Priority scheduling"]',
     '[]', false, 3),

    ('trt', 'basic', 'TRT Essential', 99.00, 'month', NULL,
     '["Provider consultation", "Testosterone therapy", "Quarterly lab work"]', '[]', false, 1),
    ('trt', 'standard', 'Optimized TRT', 159.00, 'month', NULL,
     '["Provider consultation", "Testosterone therapy", "Estrogen management", "Monthly lab work"]', '[]', true, 2),
    ('trt', 'premium', 'Performance Protocol', 299.00, 'month', NULL,
     '["Provider consultation", "Testosterone therapy", "Estrogen management", "Fertility support", "Priority support"]', '[]', false, 3)
ON CONFLICT (condition, plan_tier) DO UPDATE
   SET name = EXCLUDED.name, price = EXCLUDED.price, billing_period = EXCLUDED.billing_period,
       protocol_key = EXCLUDED.protocol_key, features = EXCLUDED.features, medications = EXCLUDED.medications,
       is_popular = EXCLUDED.is_popular, sort_order = EXCLUDED.sort_order
 WHERE (tp.name, tp.price, tp.billing_period, tp.protocol_key, tp.features, tp.medications, tp.is_popular, tp.sort_order)
       IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.price, EXCLUDED.billing_period, EXCLUDED.protocol_key, EXCLUDED.features,
                         EXCLUDED.medications, EXCLUDED.is_popular, EXCLUDED.sort_order);
