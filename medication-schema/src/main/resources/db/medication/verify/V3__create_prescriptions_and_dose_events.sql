-- Asserts V3: prescriptions, prescription_versions, medications and dose_events with every column, key, index and foreign key.
DO $$
DECLARE
    r record;
    n int;
BEGIN
    -- every column with its type and nullability, and no other column
    FOR r IN SELECT * FROM (VALUES
        ('prescriptions', 'id', 'uuid', true),
        ('prescriptions', 'patientId', 'uuid', true),
        ('prescriptions', 'doctorId', 'uuid', false),
        ('prescriptions', 'patientName', 'character varying(200)', true),
        ('prescriptions', 'patientGender', 'Gender', true),
        ('prescriptions', 'patientAge', 'integer', true),
        ('prescriptions', 'symptoms', 'text', true),
        ('prescriptions', 'status', 'PrescriptionStatus', true),
        ('prescriptions', 'currentVersion', 'integer', true),
        ('prescriptions', 'isUrgent', 'boolean', true),
        ('prescriptions', 'urgentReason', 'text', false),
        ('prescriptions', 'createdAt', 'timestamp(3) with time zone', true),
        ('prescriptions', 'updatedAt', 'timestamp(3) with time zone', true),
        ('prescription_versions', 'id', 'uuid', true),
        ('prescription_versions', 'prescriptionId', 'uuid', true),
        ('prescription_versions', 'versionNumber', 'integer', true),
        ('prescription_versions', 'authorId', 'uuid', false),
        ('prescription_versions', 'changeReason', 'text', false),
        ('prescription_versions', 'medicationsSnapshot', 'jsonb', true),
        ('prescription_versions', 'createdAt', 'timestamp(3) with time zone', true),
        ('medications', 'id', 'uuid', true),
        ('medications', 'prescriptionId', 'uuid', true),
        ('medications', 'rowNumber', 'integer', true),
        ('medications', 'medicineName', 'character varying(255)', true),
        ('medications', 'medicineNameKhmer', 'character varying(255)', false),
        ('medications', 'imageUrl', 'text', false),
        ('medications', 'morningDosage', 'jsonb', false),
        ('medications', 'daytimeDosage', 'jsonb', false),
        ('medications', 'nightDosage', 'jsonb', false),
        ('medications', 'frequency', 'character varying(100)', false),
        ('medications', 'timing', 'character varying(100)', false),
        ('medications', 'createdAt', 'timestamp(3) with time zone', true),
        ('medications', 'updatedAt', 'timestamp(3) with time zone', true),
        ('dose_events', 'id', 'uuid', true),
        ('dose_events', 'prescriptionId', 'uuid', true),
        ('dose_events', 'medicationId', 'uuid', true),
        ('dose_events', 'patientId', 'uuid', true),
        ('dose_events', 'scheduledTime', 'timestamp(3) with time zone', true),
        ('dose_events', 'timePeriod', 'TimePeriod', true),
        ('dose_events', 'reminderTime', 'character varying(10)', false),
        ('dose_events', 'status', 'DoseEventStatus', true),
        ('dose_events', 'takenAt', 'timestamp(3) with time zone', false),
        ('dose_events', 'skipReason', 'text', false),
        ('dose_events', 'wasOffline', 'boolean', true),
        ('dose_events', 'createdAt', 'timestamp(3) with time zone', true),
        ('dose_events', 'updatedAt', 'timestamp(3) with time zone', true)
    ) AS e(tbl, col, typ, not_null)
    LOOP
        SELECT count(*) INTO n
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace s ON s.oid = c.relnamespace
          JOIN pg_type ty ON ty.oid = a.atttypid
         WHERE s.nspname = '${schema}' AND c.relname = r.tbl AND a.attname = r.col AND NOT a.attisdropped
           AND a.attnotnull = r.not_null
           AND CASE WHEN ty.typtype = 'e' THEN ty.typname::text ELSE format_type(a.atttypid, a.atttypmod) END = r.typ;
        IF n <> 1 THEN
            RAISE EXCEPTION 'medication V3: column %."%" missing or not % (not null: %)', r.tbl, r.col, r.typ, r.not_null;
        END IF;
    END LOOP;
    SELECT count(*) INTO n
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname = '${schema}' AND c.relname IN ('prescriptions', 'prescription_versions', 'medications', 'dose_events') AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped;
    IF n <> 46 THEN
        RAISE EXCEPTION 'medication V3: % columns in prescriptions, prescription_versions, medications, dose_events, expected 46', n;
    END IF;

    -- primary keys <table>_pkey on "id"
    FOR r IN SELECT unnest(ARRAY['prescriptions', 'prescription_versions', 'medications', 'dose_events']) AS tbl
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace s ON s.oid = c.relnamespace
                        WHERE s.nspname = '${schema}' AND c.relname = r.tbl AND k.contype = 'p' AND k.conname = r.tbl || '_pkey'
                          AND pg_get_constraintdef(k.oid) = 'PRIMARY KEY (id)') THEN
            RAISE EXCEPTION 'medication V3: primary key %_pkey on %(id) is missing', r.tbl, r.tbl;
        END IF;
    END LOOP;

    -- indexes by name, uniqueness and columns
    FOR r IN SELECT * FROM (VALUES
        ('prescriptions_patientId_idx', 'prescriptions', false, ARRAY['patientId']::text[]),
        ('prescriptions_doctorId_idx', 'prescriptions', false, ARRAY['doctorId']::text[]),
        ('prescriptions_status_idx', 'prescriptions', false, ARRAY['status']::text[]),
        ('prescriptions_patientId_status_idx', 'prescriptions', false, ARRAY['patientId', 'status']::text[]),
        ('prescription_versions_prescriptionId_versionNumber_key', 'prescription_versions', true, ARRAY['prescriptionId', 'versionNumber']::text[]),
        ('prescription_versions_prescriptionId_idx', 'prescription_versions', false, ARRAY['prescriptionId']::text[]),
        ('medications_prescriptionId_idx', 'medications', false, ARRAY['prescriptionId']::text[]),
        ('dose_events_patientId_idx', 'dose_events', false, ARRAY['patientId']::text[]),
        ('dose_events_scheduledTime_idx', 'dose_events', false, ARRAY['scheduledTime']::text[]),
        ('dose_events_status_idx', 'dose_events', false, ARRAY['status']::text[]),
        ('dose_events_patientId_scheduledTime_idx', 'dose_events', false, ARRAY['patientId', 'scheduledTime']::text[]),
        ('dose_events_prescriptionId_idx', 'dose_events', false, ARRAY['prescriptionId']::text[])
    ) AS e(idx, tbl, uniq, cols)
    LOOP
        IF NOT EXISTS (
            SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
              JOIN pg_namespace s ON s.oid = ic.relnamespace
             WHERE s.nspname = '${schema}' AND ic.relname = r.idx AND tc.relname = r.tbl AND i.indisunique = r.uniq AND i.indisvalid
               AND ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(k, o)
                           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.k ORDER BY u.o) = r.cols) THEN
            RAISE EXCEPTION 'medication V3: index % on %(%) (unique: %) is missing', r.idx, r.tbl, r.cols, r.uniq;
        END IF;
    END LOOP;

    -- foreign keys with ON DELETE action and ON UPDATE CASCADE, all to "id"
    FOR r IN SELECT * FROM (VALUES
        ('prescriptions_patientId_fkey', 'prescriptions', 'patientId', 'users', 'c'),
        ('prescriptions_doctorId_fkey', 'prescriptions', 'doctorId', 'users', 'n'),
        ('prescription_versions_prescriptionId_fkey', 'prescription_versions', 'prescriptionId', 'prescriptions', 'c'),
        ('prescription_versions_authorId_fkey', 'prescription_versions', 'authorId', 'users', 'n'),
        ('medications_prescriptionId_fkey', 'medications', 'prescriptionId', 'prescriptions', 'c'),
        ('dose_events_prescriptionId_fkey', 'dose_events', 'prescriptionId', 'prescriptions', 'c'),
        ('dose_events_medicationId_fkey', 'dose_events', 'medicationId', 'medications', 'c'),
        ('dose_events_patientId_fkey', 'dose_events', 'patientId', 'users', 'c')
    ) AS e(fk, tbl, col, ref, on_delete)
    LOOP
        IF NOT EXISTS (
            SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace s ON s.oid = c.relnamespace
              JOIN pg_class rc ON rc.oid = k.confrelid JOIN pg_namespace rs ON rs.oid = rc.relnamespace
             WHERE k.contype = 'f' AND s.nspname = '${schema}' AND k.conname = r.fk AND c.relname = r.tbl
               AND rs.nspname = '${schema}' AND rc.relname = r.ref
               AND k.confdeltype = r.on_delete::"char" AND k.confupdtype = 'c'
               AND k.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = k.conrelid AND attname = r.col)]
               AND k.confkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = k.confrelid AND attname = 'id')]) THEN
            RAISE EXCEPTION 'medication V3: foreign key % (%."%" -> %, on delete %, on update cascade) is missing', r.fk, r.tbl, r.col, r.ref, r.on_delete;
        END IF;
    END LOOP;
END
$$;
