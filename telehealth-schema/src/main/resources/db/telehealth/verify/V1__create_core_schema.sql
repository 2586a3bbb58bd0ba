-- Asserts V1: tables, indexes, triggers, functions, FK actions, number formats, key encryption.
DO $$
DECLARE
    n text;
    enc text;
BEGIN
    FOREACH n IN ARRAY ARRAY['consultation_settings', 'patients', 'providers', 'admins', 'medications', 'pharmacies',
                             'consultations', 'prescriptions', 'prescription_items', 'orders', 'order_items', 'messages',
                             'patient_documents'] LOOP
        IF to_regclass(format('%I.%I', '${schema}', n)) IS NULL THEN
            RAISE EXCEPTION 'telehealth V1: table % is missing', n;
        END IF;
    END LOOP;
    FOREACH n IN ARRAY ARRAY['idx_patients_email', 'idx_patients_stripe', 'idx_providers_email', 'idx_providers_status',
                             'idx_providers_availability', 'idx_admins_email', 'idx_medications_category', 'idx_medications_active',
                             'idx_pharmacies_active', 'idx_consultations_patient', 'idx_consultations_provider',
                             'idx_consultations_status', 'idx_consultations_created', 'idx_prescriptions_patient',
                             'idx_prescriptions_status', 'idx_prescriptions_expires', 'idx_prescription_items_prescription',
                             'idx_orders_patient', 'idx_orders_status', 'idx_orders_created', 'idx_order_items_order',
                             'idx_messages_consultation', 'idx_messages_created', 'idx_documents_patient', 'idx_documents_type'] LOOP
        IF to_regclass(format('%I.%I', '${schema}', n)) IS NULL THEN
            RAISE EXCEPTION 'telehealth V1: index % is missing', n;
        END IF;
    END LOOP;
    FOREACH n IN ARRAY ARRAY['patients', 'providers', 'consultations', 'orders', 'consultation_settings', 'admins',
                             'medications', 'pharmacies', 'prescriptions'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = format('%I.%I', '${schema}', n)::regclass
                        AND t.tgname = 'update_' || n || '_updated_at') THEN
            RAISE EXCEPTION 'telehealth V1: trigger update_%_updated_at is missing', n;
        END IF;
    END LOOP;
    IF (SELECT confdeltype FROM pg_constraint WHERE conrelid = format('%I.prescriptions', '${schema}')::regclass
         AND conname = 'prescriptions_provider_id_fkey') IS DISTINCT FROM 'r' THEN
        RAISE EXCEPTION 'telehealth V1: prescriptions.provider_id must be ON DELETE RESTRICT';
    END IF;
    IF (SELECT confdeltype FROM pg_constraint WHERE conrelid = format('%I.consultations', '${schema}')::regclass
         AND conname = 'consultations_patient_id_fkey') IS DISTINCT FROM 'c' THEN
        RAISE EXCEPTION 'telehealth V1: consultations.patient_id must be ON DELETE CASCADE';
    END IF;
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
