-- Asserts V3: prescriptions, prescription_versions, medications and dose_events with every column, key, index and foreign key.
-- Columns, constraints and indexes go through the engine's shared helpers (pg_temp.verify_columns /
-- verify_constraints / verify_indexes / verify_expect). Enum-typed columns compare by their bare type name,
-- which verify_columns returns for types of the module schema; definitions print under a search_path of
-- the module schema alone, so an unqualified REFERENCES x(id) can only be a table of that schema.
DO $$
DECLARE
    n int;
BEGIN
    -- every column with its type and nullability, and no other column
    PERFORM pg_temp.verify_expect('medication V3', 'columns missing or different', ARRAY(
        SELECT format('%s."%s" %s (not null: %s)', e.tbl, e.col, e.typ, e.not_null)
          FROM (VALUES
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
         WHERE (e.tbl, e.col, e.typ, e.not_null) NOT IN (SELECT tbl, col, typ, not_null FROM pg_temp.verify_columns('${schema}'))));
    SELECT count(*) INTO n FROM pg_temp.verify_columns('${schema}') WHERE tbl IN ('prescriptions', 'prescription_versions', 'medications', 'dose_events');
    IF n <> 46 THEN
        RAISE EXCEPTION 'medication V3: % columns in prescriptions, prescription_versions, medications, dose_events, expected 46', n;
    END IF;

    -- primary keys <table>_pkey on "id"; foreign keys to "id" with their ON DELETE action and ON UPDATE CASCADE
    PERFORM pg_temp.verify_expect('medication V3', 'constraints missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
          FROM (VALUES
                ('prescriptions', 'prescriptions_pkey', 'p', 'PRIMARY KEY (id)'),
                ('prescription_versions', 'prescription_versions_pkey', 'p', 'PRIMARY KEY (id)'),
                ('medications', 'medications_pkey', 'p', 'PRIMARY KEY (id)'),
                ('dose_events', 'dose_events_pkey', 'p', 'PRIMARY KEY (id)'),
                ('prescriptions', 'prescriptions_patientId_fkey', 'f', 'FOREIGN KEY ("patientId") REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE'),
                ('prescriptions', 'prescriptions_doctorId_fkey', 'f', 'FOREIGN KEY ("doctorId") REFERENCES users(id) ON UPDATE CASCADE ON DELETE SET NULL'),
                ('prescription_versions', 'prescription_versions_prescriptionId_fkey', 'f', 'FOREIGN KEY ("prescriptionId") REFERENCES prescriptions(id) ON UPDATE CASCADE ON DELETE CASCADE'),
                ('prescription_versions', 'prescription_versions_authorId_fkey', 'f', 'FOREIGN KEY ("authorId") REFERENCES users(id) ON UPDATE CASCADE ON DELETE SET NULL'),
                ('medications', 'medications_prescriptionId_fkey', 'f', 'FOREIGN KEY ("prescriptionId") REFERENCES prescriptions(id) ON UPDATE CASCADE ON DELETE CASCADE'),
                ('dose_events', 'dose_events_prescriptionId_fkey', 'f', 'FOREIGN KEY ("prescriptionId") REFERENCES prescriptions(id) ON UPDATE CASCADE ON DELETE CASCADE'),
                ('dose_events', 'dose_events_medicationId_fkey', 'f', 'FOREIGN KEY ("medicationId") REFERENCES medications(id) ON UPDATE CASCADE ON DELETE CASCADE'),
                ('dose_events', 'dose_events_patientId_fkey', 'f', 'FOREIGN KEY ("patientId") REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE')
               ) AS e(tbl, con, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

    -- indexes by name, uniqueness and definition, and valid
    PERFORM pg_temp.verify_expect('medication V3', 'indexes missing, different or invalid', ARRAY(
        SELECT format('%s on %s: %s (unique: %s)', e.idx, e.tbl, e.def, e.uniq)
          FROM (VALUES
                ('prescriptions', 'prescriptions_patientId_idx', false, 'btree ("patientId")'),
                ('prescriptions', 'prescriptions_doctorId_idx', false, 'btree ("doctorId")'),
                ('prescriptions', 'prescriptions_status_idx', false, 'btree (status)'),
                ('prescriptions', 'prescriptions_patientId_status_idx', false, 'btree ("patientId", status)'),
                ('prescription_versions', 'prescription_versions_prescriptionId_versionNumber_key', true, 'btree ("prescriptionId", "versionNumber")'),
                ('prescription_versions', 'prescription_versions_prescriptionId_idx', false, 'btree ("prescriptionId")'),
                ('medications', 'medications_prescriptionId_idx', false, 'btree ("prescriptionId")'),
                ('dose_events', 'dose_events_patientId_idx', false, 'btree ("patientId")'),
                ('dose_events', 'dose_events_scheduledTime_idx', false, 'btree ("scheduledTime")'),
                ('dose_events', 'dose_events_status_idx', false, 'btree (status)'),
                ('dose_events', 'dose_events_patientId_scheduledTime_idx', false, 'btree ("patientId", "scheduledTime")'),
                ('dose_events', 'dose_events_prescriptionId_idx', false, 'btree ("prescriptionId")')
               ) AS e(tbl, idx, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))
            OR NOT (SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(format('%I.%I', '${schema}', e.idx)))));
END
$$;
