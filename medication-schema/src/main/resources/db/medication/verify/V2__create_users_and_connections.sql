-- Asserts V2: users and connections with every column, primary key, unique key, index and foreign key.
-- Columns, constraints and indexes go through the engine's shared helpers (pg_temp.verify_columns /
-- verify_constraints / verify_indexes / verify_expect). Enum-typed columns compare by their bare type name,
-- which verify_columns returns for types of the module schema; definitions print under a search_path of
-- the module schema alone, so an unqualified REFERENCES x(id) can only be a table of that schema.
DO $$
DECLARE
    n int;
BEGIN
    -- every column with its type and nullability, and no other column
    PERFORM pg_temp.verify_expect('medication V2', 'columns missing or different', ARRAY(
        SELECT format('%s."%s" %s (not null: %s)', e.tbl, e.col, e.typ, e.not_null)
          FROM (VALUES
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
         WHERE (e.tbl, e.col, e.typ, e.not_null) NOT IN (SELECT tbl, col, typ, not_null FROM pg_temp.verify_columns('${schema}'))));
    SELECT count(*) INTO n FROM pg_temp.verify_columns('${schema}') WHERE tbl IN ('users', 'connections');
    IF n <> 33 THEN
        RAISE EXCEPTION 'medication V2: % columns in users, connections, expected 33', n;
    END IF;

    -- primary keys <table>_pkey on "id"; foreign keys to "id" with their ON DELETE action and ON UPDATE CASCADE
    PERFORM pg_temp.verify_expect('medication V2', 'constraints missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
          FROM (VALUES
                ('users', 'users_pkey', 'p', 'PRIMARY KEY (id)'),
                ('connections', 'connections_pkey', 'p', 'PRIMARY KEY (id)'),
                ('connections', 'connections_initiatorId_fkey', 'f', 'FOREIGN KEY ("initiatorId") REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE'),
                ('connections', 'connections_recipientId_fkey', 'f', 'FOREIGN KEY ("recipientId") REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE')
               ) AS e(tbl, con, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

    -- indexes by name, uniqueness and definition, and valid
    PERFORM pg_temp.verify_expect('medication V2', 'indexes missing, different or invalid', ARRAY(
        SELECT format('%s on %s: %s (unique: %s)', e.idx, e.tbl, e.def, e.uniq)
          FROM (VALUES
                ('users', 'users_phoneNumber_key', true, 'btree ("phoneNumber")'),
                ('users', 'users_email_key', true, 'btree (email)'),
                ('users', 'users_idCardNumber_key', true, 'btree ("idCardNumber")'),
                ('users', 'users_licenseNumber_key', true, 'btree ("licenseNumber")'),
                ('users', 'users_phoneNumber_idx', false, 'btree ("phoneNumber")'),
                ('users', 'users_email_idx', false, 'btree (email)'),
                ('users', 'users_role_idx', false, 'btree (role)'),
                ('users', 'users_accountStatus_idx', false, 'btree ("accountStatus")'),
                ('connections', 'connections_initiatorId_recipientId_key', true, 'btree ("initiatorId", "recipientId")'),
                ('connections', 'connections_initiatorId_idx', false, 'btree ("initiatorId")'),
                ('connections', 'connections_recipientId_idx', false, 'btree ("recipientId")'),
                ('connections', 'connections_status_idx', false, 'btree (status)')
               ) AS e(tbl, idx, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))
            OR NOT (SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(format('%I.%I', '${schema}', e.idx)))));
END
$$;
