-- Asserts V1: tables, indexes, triggers, functions, FK actions, number formats, key encryption. Catalog
-- checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
DECLARE
    enc text;
BEGIN
    PERFORM pg_temp.verify_expect('telehealth V1', 'tables missing', ARRAY(
        SELECT t FROM unnest(ARRAY['consultation_settings', 'patients', 'providers', 'admins', 'medications', 'pharmacies',
                                   'consultations', 'prescriptions', 'prescription_items', 'orders', 'order_items', 'messages',
                                   'patient_documents']) AS t
         WHERE t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE kind = 'r')));
    PERFORM pg_temp.verify_expect('telehealth V1', 'indexes missing', ARRAY(
        SELECT i FROM unnest(ARRAY['idx_patients_email', 'idx_patients_stripe', 'idx_providers_email', 'idx_providers_status',
                                   'idx_providers_availability', 'idx_admins_email', 'idx_medications_category', 'idx_medications_active',
                                   'idx_pharmacies_active', 'idx_consultations_patient', 'idx_consultations_provider',
                                   'idx_consultations_status', 'idx_consultations_created', 'idx_prescriptions_patient',
                                   'idx_prescriptions_status', 'idx_prescriptions_expires', 'idx_prescription_items_prescription',
                                   'idx_orders_patient', 'idx_orders_status', 'idx_orders_created', 'idx_order_items_order',
                                   'idx_messages_consultation', 'idx_messages_created', 'idx_documents_patient', 'idx_documents_type']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
    PERFORM pg_temp.verify_expect('telehealth V1', 'updated_at triggers missing', ARRAY(
        SELECT format('update_%s_updated_at on %s', t, t)
          FROM unnest(ARRAY['patients', 'providers', 'consultations', 'orders', 'consultation_settings', 'admins',
                            'medications', 'pharmacies', 'prescriptions']) AS t
         WHERE (t, 'update_' || t || '_updated_at') NOT IN (SELECT tbl, trg FROM pg_temp.verify_triggers('${schema}'))));
    PERFORM pg_temp.verify_expect('telehealth V1', 'foreign keys missing or with another delete action', ARRAY(
        SELECT format('%s.%s %s', e.tbl, e.con, e.action)
          FROM (VALUES ('prescriptions', 'prescriptions_provider_id_fkey', 'ON DELETE RESTRICT'),
                       ('consultations', 'consultations_patient_id_fkey', 'ON DELETE CASCADE')) AS e(tbl, con, action)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_constraints('${schema}') k
                            WHERE (k.tbl, k.con, k.typ) = (e.tbl, e.con, 'f') AND k.def LIKE '%' || e.action || '%')));
    IF generate_rx_number() !~ ('^RX' || to_char(CURRENT_DATE, 'YYYYMMDD') || '-[0-9]{4}$') THEN
        RAISE EXCEPTION 'telehealth V1: generate_rx_number() returned %', generate_rx_number();
    END IF;
    IF generate_order_number() !~ ('^ORD-' || to_char(CURRENT_DATE, 'YYYYMMDD') || '-[0-9]{4}$') THEN
        RAISE EXCEPTION 'telehealth V1: generate_order_number() returned %', generate_order_number();
    END IF;
    -- encryption round trip (rolled back with the verify transaction)
    INSERT INTO pharmacies (id, name) VALUES ('00000000-0000-0000-0000-0000000000f1', 'verify pharmacy');
    PERFORM set_pharmacy_api_key('00000000-0000-0000-0000-0000000000f1', 'verify-plain-key', 'verify-secret');
    SELECT api_key_encrypted INTO enc FROM pharmacies WHERE id = '00000000-0000-0000-0000-0000000000f1';
    IF enc IS NULL OR position('verify-plain-key' IN enc) > 0 THEN
        RAISE EXCEPTION 'telehealth V1: pharmacy API key not stored encrypted';
    END IF;
    IF pharmacy_api_key('00000000-0000-0000-0000-0000000000f1', 'verify-secret') IS DISTINCT FROM 'verify-plain-key' THEN
        RAISE EXCEPTION 'telehealth V1: pharmacy API key does not decrypt';
    END IF;
END
$$;
