-- Prescriptions, their immutable version history, their medication rows and the scheduled dose events,
-- exactly as the application's init migration creates them (see V2 for the conventions).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE prescriptions (
    "id"             uuid                 NOT NULL,
    "patientId"      uuid                 NOT NULL,
    "doctorId"       uuid,
    "patientName"    varchar(200)         NOT NULL,
    "patientGender"  "Gender"             NOT NULL,
    "patientAge"     integer              NOT NULL,
    "symptoms"       text                 NOT NULL,
    "status"         "PrescriptionStatus" NOT NULL DEFAULT 'DRAFT',
    "currentVersion" integer              NOT NULL DEFAULT 1,
    "isUrgent"       boolean              NOT NULL DEFAULT false,
    "urgentReason"   text,
    "createdAt"      timestamptz(3)       NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      timestamptz(3)       NOT NULL,
    CONSTRAINT "prescriptions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "prescriptions_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES users ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "prescriptions_doctorId_fkey" FOREIGN KEY ("doctorId") REFERENCES users ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

CREATE INDEX "prescriptions_patientId_idx" ON prescriptions ("patientId");
CREATE INDEX "prescriptions_doctorId_idx" ON prescriptions ("doctorId");
CREATE INDEX "prescriptions_status_idx" ON prescriptions ("status");
CREATE INDEX "prescriptions_patientId_status_idx" ON prescriptions ("patientId", "status");

CREATE TABLE prescription_versions (
    "id"                  uuid           NOT NULL,
    "prescriptionId"      uuid           NOT NULL,
    "versionNumber"       integer        NOT NULL,
    "authorId"            uuid,
    "changeReason"        text,
    "medicationsSnapshot" jsonb          NOT NULL,
    "createdAt"           timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "prescription_versions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "prescription_versions_prescriptionId_versionNumber_key" UNIQUE ("prescriptionId", "versionNumber"),
    CONSTRAINT "prescription_versions_prescriptionId_fkey" FOREIGN KEY ("prescriptionId") REFERENCES prescriptions ("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "prescription_versions_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES users ("id")
        ON DELETE SET NULL ON UPDATE CASCADE
);

CREATE INDEX "prescription_versions_prescriptionId_idx" ON prescription_versions ("prescriptionId");

CREATE TABLE medications (
    "id"                uuid           NOT NULL,
    "prescriptionId"    uuid           NOT NULL,
    "rowNumber"         integer        NOT NULL,
    "medicineName"      varchar(255)   NOT NULL,
    "medicineNameKhmer" varchar(255),
    "imageUrl"          text,
    "morningDosage"     jsonb,
    "daytimeDosage"     jsonb,
    "nightDosage"       jsonb,
    "frequency"         varchar(100),
    "timing"            varchar(100),
    "createdAt"         timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"         timestamptz(3) NOT NULL,
    CONSTRAINT "medications_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "medications_prescriptionId_fkey" FOREIGN KEY ("prescriptionId") REFERENCES prescriptions ("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "medications_prescriptionId_idx" ON medications ("prescriptionId");

CREATE TABLE dose_events (
    "id"             uuid              NOT NULL,
    "prescriptionId" uuid              NOT NULL,
    "medicationId"   uuid              NOT NULL,
    "patientId"      uuid              NOT NULL,
    "scheduledTime"  timestamptz(3)    NOT NULL,
    "timePeriod"     "TimePeriod"      NOT NULL,
    "reminderTime"   varchar(10),
    "status"         "DoseEventStatus" NOT NULL DEFAULT 'DUE',
    "takenAt"        timestamptz(3),
    "skipReason"     text,
    "wasOffline"     boolean           NOT NULL DEFAULT false,
    "createdAt"      timestamptz(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      timestamptz(3)    NOT NULL,
    CONSTRAINT "dose_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "dose_events_prescriptionId_fkey" FOREIGN KEY ("prescriptionId") REFERENCES prescriptions ("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "dose_events_medicationId_fkey" FOREIGN KEY ("medicationId") REFERENCES medications ("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "dose_events_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES users ("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "dose_events_patientId_idx" ON dose_events ("patientId");
CREATE INDEX "dose_events_scheduledTime_idx" ON dose_events ("scheduledTime");
CREATE INDEX "dose_events_status_idx" ON dose_events ("status");
CREATE INDEX "dose_events_patientId_scheduledTime_idx" ON dose_events ("patientId", "scheduledTime");
CREATE INDEX "dose_events_prescriptionId_idx" ON dose_events ("prescriptionId");
