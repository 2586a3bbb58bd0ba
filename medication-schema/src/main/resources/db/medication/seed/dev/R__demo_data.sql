-- Development demo data (the application's seed data set), dev only. Never part of a production deploy.
-- Idempotent WITHOUT wiping anything (the application's seed script deletes every table first; this
-- one does not): users are keyed by phone number, connections by their (initiator, recipient) pair,
-- subscriptions and meal preferences by user, prescription versions by (prescription, version);
-- rows without a natural key (prescriptions, medications, dose events, notifications, audit logs) have
-- fixed ids. Every insert is ON CONFLICT DO NOTHING, so a re-run changes nothing.
-- All users share the password "password123" and the PIN "1234" (bcrypt, cost 10): development only.
-- Quotas per tier equal seed/common R__subscription_tier_quotas (Flyway applies repeatable scripts in
-- description order, "demo data" before "subscription tier quotas", so this script cannot read that
-- table on a first run; MedicationSeedTest asserts that both agree).
-- Times are relative to the day of the first run, in Asia/Phnom_Penh (UTC+7).

-- 11 users: 4 patients, 4 verified doctors, 3 family members (+85512345678 ... +85512345688)
INSERT INTO users ("id", "role", "firstName", "lastName", "fullName", "phoneNumber", "email", "passwordHash", "pinCodeHash",
                   "gender", "dateOfBirth", "idCardNumber", "language", "theme", "hospitalClinic", "specialty", "licenseNumber",
                   "accountStatus", "updatedAt")
SELECT md5('das-tern-seed:user:' || v.phone)::uuid, v.role::"UserRole", v.first_name, v.last_name, v.first_name || ' ' || v.last_name,
       v.phone, v.email,
       '$2b$10$thD.Yq2dH0q9Lx8JlgugiORDelWlTE0Ev0NxnAP1C9JuGWBk3lPHO',   -- "password123"
       '$2b$10$YhLljPmBzfNB0XNwzKTHHe83q8QS0BspEgUit8Uc26fZVWyNmLxau',   -- "1234"
       v.gender::"Gender", v.born::date, v.id_card, v.lang::"Language", 'LIGHT', v.hospital, v.specialty, v.license,
       v.status::"AccountStatus", CURRENT_TIMESTAMP
  FROM (VALUES
    ('+85512345678', 'PATIENT', 'Sokha', 'Chan', 'sokha.chan@example.com', 'FEMALE', '1968-04-12', '010456781', 'KHMER', NULL, NULL, NULL, 'ACTIVE'),
    ('+85512345679', 'PATIENT', 'Sreymom', 'Pich', 'sreymom.pich@example.com', 'FEMALE', '1975-09-03', '010456782', 'KHMER', NULL, NULL, NULL, 'ACTIVE'),
    ('+85512345680', 'PATIENT', 'Bopha', 'Lim', 'bopha.lim@example.com', 'FEMALE', '1959-01-27', '010456783', 'ENGLISH', NULL, NULL, NULL, 'ACTIVE'),
    ('+85512345681', 'PATIENT', 'Virak', 'Heng', NULL, 'MALE', '1990-11-08', '010456784', 'KHMER', NULL, NULL, NULL, 'ACTIVE'),
    ('+85512345682', 'DOCTOR', 'Rithy', 'Sok', 'dr.rithy.sok@example.com', 'MALE', '1978-06-21', '010456785', 'KHMER',
        'Calmette Hospital, Phnom Penh', 'Internal Medicine', 'MOH-KH-2008-1001', 'VERIFIED'),
    ('+85512345683', 'DOCTOR', 'Chanthy', 'Meas', 'dr.chanthy.meas@example.com', 'FEMALE', '1982-02-14', '010456786', 'KHMER',
        'Khmer-Soviet Friendship Hospital, Phnom Penh', 'Cardiology', 'MOH-KH-2010-1002', 'VERIFIED'),
    ('+85512345684', 'DOCTOR', 'Dara', 'Kim', 'dr.dara.kim@example.com', 'MALE', '1980-12-02', '010456787', 'ENGLISH',
        'Royal Phnom Penh Hospital', 'Endocrinology', 'MOH-KH-2009-1003', 'VERIFIED'),
    ('+85512345685', 'DOCTOR', 'Sophea', 'Nov', 'dr.sophea.nov@example.com', 'FEMALE', '1986-07-30', '010456788', 'KHMER',
        'Preah Kossamak Hospital, Phnom Penh', 'General Practice', 'MOH-KH-2013-1004', 'VERIFIED'),
    ('+85512345686', 'FAMILY_MEMBER', 'Vanna', 'Chan', 'vanna.chan@example.com', 'MALE', '1994-05-19', NULL, 'KHMER', NULL, NULL, NULL, 'ACTIVE'),
    ('+85512345687', 'FAMILY_MEMBER', 'Kosal', 'Lim', NULL, 'MALE', '1988-10-10', NULL, 'ENGLISH', NULL, NULL, NULL, 'ACTIVE'),
    ('+85512345688', 'FAMILY_MEMBER', 'Maly', 'Lim', 'maly.lim@example.com', 'FEMALE', '1992-03-23', NULL, 'KHMER', NULL, NULL, NULL, 'ACTIVE')
  ) AS v(phone, role, first_name, last_name, email, gender, born, id_card, lang, hospital, specialty, license, status)
ON CONFLICT ("phoneNumber") DO NOTHING;

-- 4 subscriptions (patients); quota per tier as in seed/common; used 1 GiB, 5 GiB, 2 GiB, 0.5 GiB
INSERT INTO subscriptions ("id", "userId", "tier", "storageQuota", "storageUsed", "expiresAt", "updatedAt")
SELECT md5('das-tern-seed:subscription:' || v.phone)::uuid, u."id", v.tier::"SubscriptionTier", v.quota, v.used,
       CASE WHEN v.tier = 'FREEMIUM' THEN NULL ELSE date_trunc('day', now()) + interval '1 year' END, CURRENT_TIMESTAMP
  FROM (VALUES
    ('+85512345678', 'FREEMIUM', 5368709120, 1073741824),
    ('+85512345679', 'PREMIUM', 21474836480, 5368709120),
    ('+85512345680', 'FAMILY_PREMIUM', 21474836480, 2147483648),
    ('+85512345681', 'FREEMIUM', 5368709120, 536870912)
  ) AS v(phone, tier, quota, used)
  JOIN users u ON u."phoneNumber" = v.phone
ON CONFLICT ("userId") DO NOTHING;

-- 8 connections: doctor links ALLOWED x2, SELECTED, REQUEST; 3 family links; 1 pending doctor request
INSERT INTO connections ("id", "initiatorId", "recipientId", "status", "permissionLevel", "requestedAt", "acceptedAt", "updatedAt")
SELECT md5('das-tern-seed:connection:' || v.initiator || '>' || v.recipient)::uuid, i."id", r."id",
       v.status::"ConnectionStatus", v.permission::"PermissionLevel",
       now() - v.days_ago * interval '1 day',
       CASE WHEN v.status = 'ACCEPTED' THEN now() - v.days_ago * interval '1 day' + interval '2 hours' END,
       CURRENT_TIMESTAMP
  FROM (VALUES
    ('+85512345682', '+85512345678', 'ACCEPTED', 'ALLOWED', 30),
    ('+85512345683', '+85512345679', 'ACCEPTED', 'ALLOWED', 25),
    ('+85512345684', '+85512345680', 'ACCEPTED', 'SELECTED', 20),
    ('+85512345685', '+85512345681', 'ACCEPTED', 'REQUEST', 15),
    ('+85512345686', '+85512345678', 'ACCEPTED', 'ALLOWED', 28),
    ('+85512345687', '+85512345680', 'ACCEPTED', 'ALLOWED', 18),
    ('+85512345688', '+85512345680', 'ACCEPTED', 'SELECTED', 17),
    ('+85512345682', '+85512345681', 'PENDING', 'REQUEST', 1)
  ) AS v(initiator, recipient, status, permission, days_ago)
  JOIN users i ON i."phoneNumber" = v.initiator
  JOIN users r ON r."phoneNumber" = v.recipient
ON CONFLICT ("initiatorId", "recipientId") DO NOTHING;

-- 5 prescriptions: 3 ACTIVE (one urgent), 1 DRAFT, 1 PAUSED
INSERT INTO prescriptions ("id", "patientId", "doctorId", "patientName", "patientGender", "patientAge", "symptoms", "status",
                           "currentVersion", "isUrgent", "urgentReason", "createdAt", "updatedAt")
SELECT v.id::uuid, p."id", d."id", v.patient_name, v.gender::"Gender", v.age, v.symptoms, v.status::"PrescriptionStatus",
       1, v.urgent, v.urgent_reason, now() - v.days_ago * interval '1 day', CURRENT_TIMESTAMP
  FROM (VALUES
    ('d7e50000-0000-4000-8000-000000000001', '+85512345678', '+85512345682', 'Sokha Chan', 'FEMALE', 57,
        'High blood pressure, frequent headaches and high fasting blood sugar', 'ACTIVE', false, NULL, 29),
    ('d7e50000-0000-4000-8000-000000000002', '+85512345679', '+85512345683', 'Sreymom Pich', 'FEMALE', 50,
        'Chest pain on exertion, palpitations', 'ACTIVE', true, 'Beta blocker dose changed after abnormal ECG; start today', 3),
    ('d7e50000-0000-4000-8000-000000000003', '+85512345680', '+85512345684', 'Bopha Lim', 'FEMALE', 66,
        'Type 2 diabetes, tiredness, increased thirst', 'ACTIVE', false, NULL, 19),
    ('d7e50000-0000-4000-8000-000000000004', '+85512345681', '+85512345685', 'Virak Heng', 'MALE', 35,
        'Fever and sore throat for three days', 'DRAFT', false, NULL, 0),
    ('d7e50000-0000-4000-8000-000000000005', '+85512345679', '+85512345683', 'Sreymom Pich', 'FEMALE', 50,
        'Heartburn and stomach pain after meals', 'PAUSED', false, NULL, 24)
  ) AS v(id, patient, doctor, patient_name, gender, age, symptoms, status, urgent, urgent_reason, days_ago)
  JOIN users p ON p."phoneNumber" = v.patient
  LEFT JOIN users d ON d."phoneNumber" = v.doctor
ON CONFLICT ("id") DO NOTHING;

-- 11 medications (Khmer names; dosage objects {amount, beforeMeal}, NULL = no dose at that time)
INSERT INTO medications ("id", "prescriptionId", "rowNumber", "medicineName", "medicineNameKhmer", "morningDosage", "daytimeDosage",
                         "nightDosage", "frequency", "timing", "updatedAt")
SELECT v.id::uuid, v.prescription::uuid, v.row_number, v.name, v.name_khmer, v.morning::jsonb, v.daytime::jsonb, v.night::jsonb,
       v.frequency, v.timing, CURRENT_TIMESTAMP
  FROM (VALUES
    ('d7e50001-0000-4000-8000-000000000001', 'd7e50000-0000-4000-8000-000000000001', 1, 'Amlodipine 5mg', 'អាំឡូឌីពីន',
        '{"amount": "5mg", "beforeMeal": false}', NULL, NULL, 'ថ្ងៃ ១ ដង', 'បន្ទាប់ពីអាហារ'),
    ('d7e50001-0000-4000-8000-000000000002', 'd7e50000-0000-4000-8000-000000000001', 2, 'Metformin 500mg', 'មេតហ្វ័រមីន',
        '{"amount": "500mg", "beforeMeal": false}', NULL, '{"amount": "500mg", "beforeMeal": false}', 'ថ្ងៃ ២ ដង', 'បន្ទាប់ពីអាហារ'),
    ('d7e50001-0000-4000-8000-000000000003', 'd7e50000-0000-4000-8000-000000000001', 3, 'Aspirin 81mg', 'អាស្ពីរីន',
        NULL, '{"amount": "81mg", "beforeMeal": false}', NULL, 'ថ្ងៃ ១ ដង', 'បន្ទាប់ពីអាហារ'),
    ('d7e50001-0000-4000-8000-000000000004', 'd7e50000-0000-4000-8000-000000000002', 1, 'Atorvastatin 20mg', 'អាតូវ៉ាស្តាទីន',
        '{"amount": "20mg", "beforeMeal": false}', NULL, NULL, 'ថ្ងៃ ១ ដង', 'បន្ទាប់ពីអាហារ'),
    ('d7e50001-0000-4000-8000-000000000005', 'd7e50000-0000-4000-8000-000000000002', 2, 'Bisoprolol 2.5mg', 'ប៊ីសូប្រូឡុល',
        NULL, NULL, '{"amount": "2.5mg", "beforeMeal": true}', 'ថ្ងៃ ១ ដង', 'មុនអាហារ'),
    ('d7e50001-0000-4000-8000-000000000006', 'd7e50000-0000-4000-8000-000000000002', 3, 'Clopidogrel 75mg', 'ក្លូពីដូហ្គ្រែល',
        '{"amount": "75mg", "beforeMeal": false}', NULL, NULL, 'ថ្ងៃ ១ ដង', 'បន្ទាប់ពីអាហារ'),
    ('d7e50001-0000-4000-8000-000000000007', 'd7e50000-0000-4000-8000-000000000003', 1, 'Metformin 850mg', 'មេតហ្វ័រមីន',
        '{"amount": "850mg", "beforeMeal": false}', NULL, NULL, 'ថ្ងៃ ១ ដង', 'បន្ទាប់ពីអាហារ'),
    ('d7e50001-0000-4000-8000-000000000008', 'd7e50000-0000-4000-8000-000000000003', 2, 'Glimepiride 2mg', 'គ្លីមេពីរីត',
        NULL, NULL, '{"amount": "2mg", "beforeMeal": true}', 'ថ្ងៃ ១ ដង', 'មុនអាហារ'),
    ('d7e50001-0000-4000-8000-000000000009', 'd7e50000-0000-4000-8000-000000000004', 1, 'Paracetamol 500mg', 'ប៉ារ៉ាសេតាម៉ុល',
        '{"amount": "500mg", "beforeMeal": false}', '{"amount": "500mg", "beforeMeal": false}', '{"amount": "500mg", "beforeMeal": false}',
        'ថ្ងៃ ៣ ដង', 'បន្ទាប់ពីអាហារ'),
    ('d7e50001-0000-4000-8000-000000000010', 'd7e50000-0000-4000-8000-000000000005', 1, 'Omeprazole 20mg', 'អូមេប្រាសូល',
        '{"amount": "20mg", "beforeMeal": true}', NULL, NULL, 'ថ្ងៃ ១ ដង', 'មុនអាហារ'),
    ('d7e50001-0000-4000-8000-000000000011', 'd7e50000-0000-4000-8000-000000000005', 2, 'Amoxicillin 500mg', 'អាម៉ុកស៊ីស៊ីលីន',
        '{"amount": "500mg", "beforeMeal": false}', NULL, '{"amount": "500mg", "beforeMeal": false}', 'ថ្ងៃ ២ ដង', 'បន្ទាប់ពីអាហារ')
  ) AS v(id, prescription, row_number, name, name_khmer, morning, daytime, night, frequency, timing)
ON CONFLICT ("id") DO NOTHING;

-- 4 prescription versions (version 1 of every prescription that left DRAFT), snapshots of their medications
INSERT INTO prescription_versions ("id", "prescriptionId", "versionNumber", "authorId", "changeReason", "medicationsSnapshot", "createdAt")
SELECT md5('das-tern-seed:version:' || v.prescription || ':1')::uuid, pr."id", 1, pr."doctorId", v.reason,
       coalesce((SELECT jsonb_agg(jsonb_build_object('rowNumber', m."rowNumber", 'medicineName', m."medicineName",
                                                     'medicineNameKhmer', m."medicineNameKhmer", 'morningDosage', m."morningDosage",
                                                     'daytimeDosage', m."daytimeDosage", 'nightDosage', m."nightDosage",
                                                     'frequency', m."frequency", 'timing', m."timing") ORDER BY m."rowNumber")
                   FROM medications m WHERE m."prescriptionId" = pr."id"), '[]'::jsonb),
       pr."createdAt"
  FROM (VALUES
    ('d7e50000-0000-4000-8000-000000000001', 'Initial prescription'),
    ('d7e50000-0000-4000-8000-000000000002', 'Initial prescription (urgent)'),
    ('d7e50000-0000-4000-8000-000000000003', 'Initial prescription'),
    ('d7e50000-0000-4000-8000-000000000005', 'Initial prescription; paused by the doctor after two weeks')
  ) AS v(prescription, reason)
  JOIN prescriptions pr ON pr."id" = v.prescription::uuid
ON CONFLICT ("prescriptionId", "versionNumber") DO NOTHING;

-- 15 dose events: every status, both periods, one recorded offline (yesterday and today, local time)
INSERT INTO dose_events ("id", "prescriptionId", "medicationId", "patientId", "scheduledTime", "timePeriod", "reminderTime", "status",
                         "takenAt", "skipReason", "wasOffline", "updatedAt")
SELECT v.id::uuid, m."prescriptionId", m."id", pr."patientId", s.at, v.period::"TimePeriod", v.local_time, v.status::"DoseEventStatus",
       s.at + v.taken_after, v.skip_reason, v.offline, CURRENT_TIMESTAMP
  FROM (VALUES
    ('d7e50002-0000-4000-8000-000000000001', 'd7e50001-0000-4000-8000-000000000001', -1, '07:00', 'DAYTIME', 'TAKEN_ON_TIME', interval '5 minutes', NULL, false),
    ('d7e50002-0000-4000-8000-000000000002', 'd7e50001-0000-4000-8000-000000000002', -1, '07:00', 'DAYTIME', 'TAKEN_LATE', interval '2 hours 40 minutes', NULL, false),
    ('d7e50002-0000-4000-8000-000000000003', 'd7e50001-0000-4000-8000-000000000002', -1, '19:00', 'NIGHT', 'MISSED', NULL, NULL, false),
    ('d7e50002-0000-4000-8000-000000000004', 'd7e50001-0000-4000-8000-000000000001', 0, '07:00', 'DAYTIME', 'TAKEN_ON_TIME', interval '10 minutes', NULL, true),
    ('d7e50002-0000-4000-8000-000000000005', 'd7e50001-0000-4000-8000-000000000002', 0, '19:00', 'NIGHT', 'DUE', NULL, NULL, false),
    ('d7e50002-0000-4000-8000-000000000006', 'd7e50001-0000-4000-8000-000000000003', 0, '12:00', 'DAYTIME', 'DUE', NULL, NULL, false),
    ('d7e50002-0000-4000-8000-000000000007', 'd7e50001-0000-4000-8000-000000000004', -1, '08:00', 'DAYTIME', 'TAKEN_ON_TIME', interval '3 minutes', NULL, false),
    ('d7e50002-0000-4000-8000-000000000008', 'd7e50001-0000-4000-8000-000000000005', -1, '20:00', 'NIGHT', 'SKIPPED', NULL, 'Felt dizzy; waiting for the doctor''s advice', false),
    ('d7e50002-0000-4000-8000-000000000009', 'd7e50001-0000-4000-8000-000000000006', 0, '08:00', 'DAYTIME', 'DUE', NULL, NULL, false),
    ('d7e50002-0000-4000-8000-000000000010', 'd7e50001-0000-4000-8000-000000000004', 0, '08:00', 'DAYTIME', 'TAKEN_LATE', interval '1 hour 45 minutes', NULL, false),
    ('d7e50002-0000-4000-8000-000000000011', 'd7e50001-0000-4000-8000-000000000005', 0, '20:00', 'NIGHT', 'DUE', NULL, NULL, false),
    ('d7e50002-0000-4000-8000-000000000012', 'd7e50001-0000-4000-8000-000000000007', -1, '07:30', 'DAYTIME', 'TAKEN_ON_TIME', interval '0 minutes', NULL, false),
    ('d7e50002-0000-4000-8000-000000000013', 'd7e50001-0000-4000-8000-000000000008', -1, '18:30', 'NIGHT', 'MISSED', NULL, NULL, false),
    ('d7e50002-0000-4000-8000-000000000014', 'd7e50001-0000-4000-8000-000000000007', 0, '07:30', 'DAYTIME', 'DUE', NULL, NULL, false),
    ('d7e50002-0000-4000-8000-000000000015', 'd7e50001-0000-4000-8000-000000000008', 0, '18:30', 'NIGHT', 'DUE', NULL, NULL, false)
  ) AS v(id, medication, day_offset, local_time, period, status, taken_after, skip_reason, offline)
  JOIN medications m ON m."id" = v.medication::uuid
  JOIN prescriptions pr ON pr."id" = m."prescriptionId"
  CROSS JOIN LATERAL (SELECT ((now() AT TIME ZONE 'Asia/Phnom_Penh')::date + v.day_offset + v.local_time::time)
                             AT TIME ZONE 'Asia/Phnom_Penh' AS at) s
ON CONFLICT ("id") DO NOTHING;

-- 8 notifications
INSERT INTO notifications ("id", "recipientId", "type", "title", "message", "data", "isRead", "readAt", "createdAt")
SELECT v.id::uuid, u."id", v.type::"NotificationType", v.title, v.message, v.data::jsonb, v.is_read,
       CASE WHEN v.is_read THEN now() - v.hours_ago * interval '1 hour' + interval '30 minutes' END,
       now() - v.hours_ago * interval '1 hour'
  FROM (VALUES
    ('d7e50003-0000-4000-8000-000000000001', '+85512345678', 'CONNECTION_REQUEST', 'New connection request',
        'Dr. Rithy Sok wants to connect with you.', '{"from": "+85512345682"}', true, 720),
    ('d7e50003-0000-4000-8000-000000000002', '+85512345681', 'CONNECTION_REQUEST', 'New connection request',
        'Dr. Rithy Sok wants to connect with you.', '{"from": "+85512345682"}', false, 24),
    ('d7e50003-0000-4000-8000-000000000003', '+85512345679', 'URGENT_PRESCRIPTION_CHANGE', 'Urgent prescription change',
        'Dr. Chanthy Meas changed your prescription. Please start the new dose today.',
        '{"prescriptionId": "d7e50000-0000-4000-8000-000000000002"}', false, 72),
    ('d7e50003-0000-4000-8000-000000000004', '+85512345678', 'PRESCRIPTION_UPDATE', 'New prescription',
        'Dr. Rithy Sok sent you a new prescription.', '{"prescriptionId": "d7e50000-0000-4000-8000-000000000001"}', true, 696),
    ('d7e50003-0000-4000-8000-000000000005', '+85512345680', 'PRESCRIPTION_UPDATE', 'New prescription',
        'Dr. Dara Kim sent you a new prescription.', '{"prescriptionId": "d7e50000-0000-4000-8000-000000000003"}', false, 456),
    ('d7e50003-0000-4000-8000-000000000006', '+85512345686', 'MISSED_DOSE_ALERT', 'Missed dose',
        'Sokha Chan missed the evening dose of Metformin 500mg.', '{"doseEventId": "d7e50002-0000-4000-8000-000000000003"}', false, 12),
    ('d7e50003-0000-4000-8000-000000000007', '+85512345687', 'FAMILY_ALERT', 'Family alert',
        'Bopha Lim missed the evening dose of Glimepiride 2mg.', '{"doseEventId": "d7e50002-0000-4000-8000-000000000013"}', false, 13),
    ('d7e50003-0000-4000-8000-000000000008', '+85512345688', 'FAMILY_ALERT', 'Family alert',
        'Bopha Lim missed the evening dose of Glimepiride 2mg.', '{"doseEventId": "d7e50002-0000-4000-8000-000000000013"}', true, 13)
  ) AS v(id, recipient, type, title, message, data, is_read, hours_ago)
  JOIN users u ON u."phoneNumber" = v.recipient
ON CONFLICT ("id") DO NOTHING;

-- 13 audit log entries (one by the system: no actor)
INSERT INTO audit_logs ("id", "actorId", "actorRole", "actionType", "resourceType", "resourceId", "details", "ipAddress", "createdAt")
SELECT v.id::uuid, a."id", a."role", v.action::"AuditActionType", v.resource_type,
       coalesce(v.resource_id::uuid, c."id"), v.details::jsonb, v.ip, now() - v.hours_ago * interval '1 hour'
  FROM (VALUES
    ('d7e50004-0000-4000-8000-000000000001', '+85512345682', 'CONNECTION_REQUEST', 'connection', '+85512345682', '+85512345678', NULL,
        '{"permissionLevel": "ALLOWED"}', '203.144.75.10', 720),
    ('d7e50004-0000-4000-8000-000000000002', '+85512345678', 'CONNECTION_ACCEPT', 'connection', '+85512345682', '+85512345678', NULL,
        NULL, '117.20.112.5', 718),
    ('d7e50004-0000-4000-8000-000000000003', '+85512345683', 'CONNECTION_REQUEST', 'connection', '+85512345683', '+85512345679', NULL,
        '{"permissionLevel": "ALLOWED"}', '203.144.75.11', 600),
    ('d7e50004-0000-4000-8000-000000000004', '+85512345679', 'CONNECTION_ACCEPT', 'connection', '+85512345683', '+85512345679', NULL,
        NULL, '2400:7f40:1::25', 598),
    ('d7e50004-0000-4000-8000-000000000005', '+85512345684', 'CONNECTION_REQUEST', 'connection', '+85512345684', '+85512345680', NULL,
        '{"permissionLevel": "ALLOWED"}', '203.144.75.12', 480),
    ('d7e50004-0000-4000-8000-000000000006', '+85512345680', 'PERMISSION_CHANGE', 'connection', '+85512345684', '+85512345680', NULL,
        '{"from": "ALLOWED", "to": "SELECTED"}', '117.20.112.9', 470),
    ('d7e50004-0000-4000-8000-000000000007', '+85512345682', 'PRESCRIPTION_CREATE', 'prescription', NULL, NULL,
        'd7e50000-0000-4000-8000-000000000001', '{"version": 1}', '203.144.75.10', 696),
    ('d7e50004-0000-4000-8000-000000000008', '+85512345678', 'PRESCRIPTION_CONFIRM', 'prescription', NULL, NULL,
        'd7e50000-0000-4000-8000-000000000001', '{"version": 1}', '117.20.112.5', 690),
    ('d7e50004-0000-4000-8000-000000000009', '+85512345683', 'PRESCRIPTION_UPDATE', 'prescription', NULL, NULL,
        'd7e50000-0000-4000-8000-000000000002', '{"urgent": true}', '203.144.75.11', 72),
    ('d7e50004-0000-4000-8000-000000000010', '+85512345678', 'DOSE_TAKEN', 'dose_event', NULL, NULL,
        'd7e50002-0000-4000-8000-000000000001', '{"status": "TAKEN_ON_TIME"}', '117.20.112.5', 20),
    ('d7e50004-0000-4000-8000-000000000011', '+85512345679', 'DOSE_SKIPPED', 'dose_event', NULL, NULL,
        'd7e50002-0000-4000-8000-000000000008', '{"reason": "Felt dizzy"}', '2400:7f40:1::25', 10),
    ('d7e50004-0000-4000-8000-000000000012', NULL, 'DOSE_MISSED', 'dose_event', NULL, NULL,
        'd7e50002-0000-4000-8000-000000000003', '{"detectedBy": "scheduler"}', NULL, 12),
    ('d7e50004-0000-4000-8000-000000000013', '+85512345686', 'DATA_ACCESS', 'prescription', NULL, NULL,
        'd7e50000-0000-4000-8000-000000000001', '{"patient": "+85512345678"}', '117.20.113.40', 6)
  ) AS v(id, actor, action, resource_type, conn_initiator, conn_recipient, resource_id, details, ip, hours_ago)
  LEFT JOIN users a ON a."phoneNumber" = v.actor
  LEFT JOIN users ci ON ci."phoneNumber" = v.conn_initiator
  LEFT JOIN users cr ON cr."phoneNumber" = v.conn_recipient
  LEFT JOIN connections c ON c."initiatorId" = ci."id" AND c."recipientId" = cr."id"
ON CONFLICT ("id") DO NOTHING;

-- 4 meal-time preferences (patients)
INSERT INTO meal_time_preferences ("id", "userId", "morningMeal", "afternoonMeal", "nightMeal", "updatedAt")
SELECT md5('das-tern-seed:meal-times:' || v.phone)::uuid, u."id", v.morning, v.afternoon, v.night, CURRENT_TIMESTAMP
  FROM (VALUES
    ('+85512345678', '6-7AM', '12-1PM', '6-7PM'),
    ('+85512345679', '7-8AM', '12-1PM', '7-8PM'),
    ('+85512345680', '6-7AM', '11-12PM', '5-6PM'),
    ('+85512345681', '7-8AM', '1-2PM', '7-8PM')
  ) AS v(phone, morning, afternoon, night)
  JOIN users u ON u."phoneNumber" = v.phone
ON CONFLICT ("userId") DO NOTHING;
