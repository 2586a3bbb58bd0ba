-- Reference data (every environment): the single consultation_settings row. Free consultation, card
-- on file required; auto-charge on approval and refill fee keep their column defaults (true, 0.00).
-- Idempotent: inserted only while the table is empty, so pricing changed at run time is kept.
INSERT INTO consultation_settings (consultation_fee, require_credit_card)
SELECT 0.00, true
WHERE NOT EXISTS (SELECT 1 FROM consultation_settings);
