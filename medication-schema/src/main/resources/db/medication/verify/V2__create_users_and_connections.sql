-- Asserts V2: users and connections with every column, primary key, unique key, index and foreign key.
DO $$
DECLARE
    r record;
    n int;
BEGIN
    -- every column with its type and nullability, and no other column
    FOR r IN SELECT * FROM (VALUES
        ('users', 'id', 'uuid', true),
        ('users', 'role', 'UserRole', true),
        ('users', 'firstName', 'character varying(100)', false),
        ('users', 'lastName', 'character varying(100)', false),
        ('users', 'fullName', 'character varying(200)', false),
        ('users', 'phoneNumber', 'character varying(20)', true),
        ('users', 'email', 'character varying(255)', false),
        ('users', 'passwordHash', 'character varying(255)', true),
        ('users', 'pinCodeHash', 'character varying(255)', false),
        ('users', 'gender', 'Gender', false),
        ('users', 'dateOfBirth', 'date', false),
        ('users', 'idCardNumber', 'character varying(50)', false),
        ('users', 'language', 'Language', true),
        ('users', 'theme', 'Theme', true),
        ('users', 'hospitalClinic', 'character varying(255)', false),
        ('users', 'specialty', 'character varying(100)', false),
        ('users', 'licenseNumber', 'character varying(100)', false),
        ('users', 'licensePhotoUrl', 'text', false),
        ('users', 'accountStatus', 'AccountStatus', true),
        ('users', 'failedLoginAttempts', 'integer', true),
        ('users', 'lockedUntil', 'timestamp(3) with time zone', false),
        ('users', 'createdAt', 'timestamp(3) with time zone', true),
        ('users', 'updatedAt', 'timestamp(3) with time zone', true),
        ('connections', 'id', 'uuid', true),
        ('connections', 'initiatorId', 'uuid', true),
        ('connections', 'recipientId', 'uuid', true),
        ('connections', 'status', 'ConnectionStatus', true),
        ('connections', 'permissionLevel', 'PermissionLevel', true),
        ('connections', 'requestedAt', 'timestamp(3) with time zone', true),
        ('connections', 'acceptedAt', 'timestamp(3) with time zone', false),
        ('connections', 'revokedAt', 'timestamp(3) with time zone', false),
        ('connections', 'createdAt', 'timestamp(3) with time zone', true),
        ('connections', 'updatedAt', 'timestamp(3) with time zone', true)
    ) AS e(tbl, col, typ, not_null)
    LOOP
        SELECT count(*) INTO n
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace s ON s.oid = c.relnamespace
          JOIN pg_type ty ON ty.oid = a.atttypid
         WHERE s.nspname = '${schema}' AND c.relname = r.tbl AND a.attname = r.col AND NOT a.attisdropped
           AND a.attnotnull = r.not_null
           AND CASE WHEN ty.typtype = 'e' THEN ty.typname::text ELSE format_type(a.atttypid, a.atttypmod) END = r.typ;
        IF n <> 1 THEN
            RAISE EXCEPTION 'medication V2: column %."%" missing or not % (not null: %)', r.tbl, r.col, r.typ, r.not_null;
        END IF;
    END LOOP;
    SELECT count(*) INTO n
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname = '${schema}' AND c.relname IN ('users', 'connections') AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped;
    IF n <> 33 THEN
        RAISE EXCEPTION 'medication V2: % columns in users, connections, expected 33', n;
    END IF;

    -- primary keys <table>_pkey on "id"
    FOR r IN SELECT unnest(ARRAY['users', 'connections']) AS tbl
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace s ON s.oid = c.relnamespace
                        WHERE s.nspname = '${schema}' AND c.relname = r.tbl AND k.contype = 'p' AND k.conname = r.tbl || '_pkey'
                          AND pg_get_constraintdef(k.oid) = 'PRIMARY KEY (id)') THEN
            RAISE EXCEPTION 'medication V2: primary key %_pkey on %(id) is missing', r.tbl, r.tbl;
        END IF;
    END LOOP;

    -- indexes by name, uniqueness and columns
    FOR r IN SELECT * FROM (VALUES
        ('users_phoneNumber_key', 'users', true, ARRAY['phoneNumber']::text[]),
        ('users_email_key', 'users', true, ARRAY['email']::text[]),
        ('users_idCardNumber_key', 'users', true, ARRAY['idCardNumber']::text[]),
        ('users_licenseNumber_key', 'users', true, ARRAY['licenseNumber']::text[]),
        ('users_phoneNumber_idx', 'users', false, ARRAY['phoneNumber']::text[]),
        ('users_email_idx', 'users', false, ARRAY['email']::text[]),
        ('users_role_idx', 'users', false, ARRAY['role']::text[]),
        ('users_accountStatus_idx', 'users', false, ARRAY['accountStatus']::text[]),
        ('connections_initiatorId_recipientId_key', 'connections', true, ARRAY['initiatorId', 'recipientId']::text[]),
        ('connections_initiatorId_idx', 'connections', false, ARRAY['initiatorId']::text[]),
        ('connections_recipientId_idx', 'connections', false, ARRAY['recipientId']::text[]),
        ('connections_status_idx', 'connections', false, ARRAY['status']::text[])
    ) AS e(idx, tbl, uniq, cols)
    LOOP
        IF NOT EXISTS (
            SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
              JOIN pg_namespace s ON s.oid = ic.relnamespace
             WHERE s.nspname = '${schema}' AND ic.relname = r.idx AND tc.relname = r.tbl AND i.indisunique = r.uniq AND i.indisvalid
               AND ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(k, o)
                           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.k ORDER BY u.o) = r.cols) THEN
            RAISE EXCEPTION 'medication V2: index % on %(%) (unique: %) is missing', r.idx, r.tbl, r.cols, r.uniq;
        END IF;
    END LOOP;

    -- foreign keys with ON DELETE action and ON UPDATE CASCADE, all to "id"
    FOR r IN SELECT * FROM (VALUES
        ('connections_initiatorId_fkey', 'connections', 'initiatorId', 'users', 'c'),
        ('connections_recipientId_fkey', 'connections', 'recipientId', 'users', 'c')
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
            RAISE EXCEPTION 'medication V2: foreign key % (%."%" -> %, on delete %, on update cascade) is missing', r.fk, r.tbl, r.col, r.ref, r.on_delete;
        END IF;
    END LOOP;
END
$$;
