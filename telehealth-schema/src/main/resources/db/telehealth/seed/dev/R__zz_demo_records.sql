-- Demo records for development only (seed env "dev"). The "zz_" prefix is deliberate: Flyway applies
-- repeatable scripts in order of their description, and these rows need the common reference data
-- (medications, pharmacies, treatment_plans) applied first.
-- Idempotent: fixed ids / natural keys with ON CONFLICT DO NOTHING. No credentials: password hashes
-- are a disabled-login marker, pharmacy API keys are not seeded.

INSERT INTO inventory (sku, medication_name, generic_name, strength, form, quantity_on_hand, cost_per_unit, retail_price,
                       subscription_price, category, tags)
VALUES ('MET-500-TAB', 'Metformin 500 mg', 'Metformin', '500mg', 'tablet', 500, 2.10, 8.99, 7.99, 'Weight Loss', ARRAY['glp1-alternative'])
ON CONFLICT (sku) DO NOTHING;

INSERT INTO admins (id, email, password_hash, first_name, last_name, role)
VALUES ('a0000000-0000-4000-8000-000000000001', 'demo.admin@example.test', '!demo-login-disabled', 'Ada', 'Admin', 'super_admin')
ON CONFLICT (id) DO NOTHING;

INSERT INTO providers (id, email, password_hash, first_name, last_name, license_number, npi_number, specialties, states_licensed, status)
VALUES ('b0000000-0000-4000-8000-000000000001', 'demo.provider@example.test', '!demo-login-disabled', 'Paula', 'Provider',
        'CA-MD-000001', '1000000001', ARRAY['family medicine'], ARRAY['CA', 'NY'], 'active')
ON CONFLICT (id) DO NOTHING;

INSERT INTO patients (id, email, password_hash, first_name, last_name, phone, date_of_birth, shipping_address, shipping_city,
                      shipping_state, shipping_zip, stripe_customer_id, has_valid_payment_method, email_verified)
VALUES ('c0000000-0000-4000-8000-000000000001', 'jane.demo@example.test', '!demo-login-disabled', 'Jane', 'Demo', '+15550100001',
        '1985-04-12', '1 Demo Street', 'San Francisco', 'CA', '94105', 'cus_demo_jane', true, true),
       ('c0000000-0000-4000-8000-000000000002', 'john.demo@example.test', '!demo-login-disabled', 'John', 'Demo', '+15550100002',
        '1979-09-30', '2 Demo Avenue', 'New York', 'NY', '10001', 'cus_demo_john', true, true)
ON CONFLICT (id) DO NOTHING;

INSERT INTO notification_preferences (patient_id)
VALUES ('c0000000-0000-4000-8000-000000000001'), ('c0000000-0000-4000-8000-000000000002')
ON CONFLICT (patient_id) DO NOTHING;

INSERT INTO consultations (id, patient_id, provider_id, chief_complaint, symptoms, severity, status, diagnosis, reviewed_at,
                           payment_status, selected_plan_id, selected_plan_name, selected_plan_price)
SELECT 'd0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001',
       'Thinning hair at the crown', ARRAY['hair thinning'], 'mild', 'approved', 'Androgenetic alopecia', CURRENT_TIMESTAMP,
       'charged', tp.id, tp.name, tp.price
  FROM (SELECT NULL) AS one
  LEFT JOIN treatment_plans tp ON tp.condition = 'hairLoss' AND tp.plan_tier = 'standard'
ON CONFLICT (id) DO NOTHING;

INSERT INTO consultations (id, patient_id, chief_complaint, symptoms, severity, status)
VALUES ('d0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000002', 'Weight management',
        ARRAY['weight gain'], 'moderate', 'pending')
ON CONFLICT (id) DO NOTHING;

INSERT INTO prescriptions (id, consultation_id, patient_id, provider_id, rx_number, refills_authorized, refills_remaining, pharmacy_id)
SELECT 'e0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001',
       'b0000000-0000-4000-8000-000000000001', 'RX20250101-0001', 11, 11,
       (SELECT id FROM pharmacies WHERE name = 'TeleHealth Pharmacy Partners' ORDER BY created_at LIMIT 1)
ON CONFLICT (id) DO NOTHING;

INSERT INTO prescription_items (id, prescription_id, medication_id, dosage, quantity, frequency, duration, instructions)
SELECT 'e1000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000001', m.id, '1mg', 30, 'Once daily', '30 days',
       'Take one tablet by mouth daily'
  FROM medications m WHERE m.name = 'Finasteride'
ORDER BY m.created_at LIMIT 1
ON CONFLICT (id) DO NOTHING;

INSERT INTO orders (id, patient_id, consultation_id, prescription_id, pharmacy_id, order_number, status, is_subscription,
                    subscription_interval, subtotal, total_amount, payment_status, paid_at, shipping_address, shipping_city,
                    shipping_state, shipping_zip)
SELECT 'f0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001',
       'e0000000-0000-4000-8000-000000000001',
       (SELECT id FROM pharmacies WHERE name = 'TeleHealth Pharmacy Partners' ORDER BY created_at LIMIT 1),
       'ORD-20250101-0001', 'processing', true, 'monthly', 25.00, 25.00, 'paid', CURRENT_TIMESTAMP,
       '1 Demo Street', 'San Francisco', 'CA', '94105'
ON CONFLICT (id) DO NOTHING;

INSERT INTO order_items (id, order_id, medication_id, medication_name, dosage, quantity, unit_price, total_price)
SELECT 'f1000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', m.id, m.name, '1mg', 1, 25.00, 25.00
  FROM medications m WHERE m.name = 'Finasteride'
ORDER BY m.created_at LIMIT 1
ON CONFLICT (id) DO NOTHING;

INSERT INTO messages (id, consultation_id, sender_id, sender_type, content)
VALUES ('a1000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001',
        'provider', 'Your prescription has been sent to the pharmacy.'),
       ('a1000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001',
        'patient', 'Thank you!')
ON CONFLICT (id) DO NOTHING;

-- Analytics: three visitor sessions of the last days, two of them converted, funnel steps and form fields
INSERT INTO user_sessions (session_id, user_id, started_at, ended_at, duration_seconds, device_type, browser, utm_source,
                           converted, conversion_type, conversion_value)
VALUES ('demo-session-1', 'c0000000-0000-4000-8000-000000000001', CURRENT_TIMESTAMP - INTERVAL '2 days',
        CURRENT_TIMESTAMP - INTERVAL '2 days' + INTERVAL '20 minutes', 1200, 'desktop', 'Firefox', 'google', true, 'consultation', 45.00),
       ('demo-session-2', 'c0000000-0000-4000-8000-000000000002', CURRENT_TIMESTAMP - INTERVAL '1 day',
        CURRENT_TIMESTAMP - INTERVAL '1 day' + INTERVAL '10 minutes', 600, 'mobile', 'Safari', 'facebook', true, 'consultation', 149.00),
       ('demo-session-3', NULL, CURRENT_TIMESTAMP - INTERVAL '1 day',
        CURRENT_TIMESTAMP - INTERVAL '1 day' + INTERVAL '3 minutes', 180, 'mobile', 'Chrome', 'google', false, NULL, NULL)
ON CONFLICT (session_id) DO NOTHING;

INSERT INTO analytics_events (id, user_id, session_id, event_type, event_category, event_data, page_url, created_at)
SELECT ('a2000000-0000-4000-8000-' || lpad((s.n * 10 + st.n)::text, 12, '0'))::uuid,
       s.user_id, s.session_id, 'funnel_step', 'consultation',
       jsonb_build_object('step', st.step, 'stepNumber', st.n), '/start',
       s.started_at + st.n * INTERVAL '2 minutes'
  FROM (VALUES (1, 'demo-session-1', 'c0000000-0000-4000-8000-000000000001'::uuid, CURRENT_TIMESTAMP - INTERVAL '2 days', 8),
               (2, 'demo-session-2', 'c0000000-0000-4000-8000-000000000002'::uuid, CURRENT_TIMESTAMP - INTERVAL '1 day', 8),
               (3, 'demo-session-3', NULL::uuid, CURRENT_TIMESTAMP - INTERVAL '1 day', 3)) AS s(n, session_id, user_id, started_at, last_step)
  JOIN (VALUES (1, 'landing'), (2, 'condition_selected'), (3, 'quiz_started'), (4, 'quiz_completed'), (5, 'plan_selected'),
               (6, 'checkout_started'), (7, 'payment_completed'), (8, 'consultation_submitted')) AS st(n, step)
    ON st.n <= s.last_step
ON CONFLICT (id) DO NOTHING;

INSERT INTO form_field_analytics (session_id, form_name, field_name, focus_count, blur_count, change_count, time_spent_seconds,
                                  error_count, was_completed)
VALUES ('demo-session-1', 'health_quiz', 'symptoms', 1, 1, 2, 45, 0, true),
       ('demo-session-1', 'health_quiz', 'date_of_birth', 1, 1, 1, 15, 1, true),
       ('demo-session-2', 'health_quiz', 'symptoms', 2, 2, 3, 75, 0, true),
       ('demo-session-3', 'health_quiz', 'symptoms', 1, 1, 0, 20, 0, false)
ON CONFLICT (session_id, form_name, field_name) DO NOTHING;
