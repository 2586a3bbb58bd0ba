-- Identity and connections, exactly as the application's init migration creates them: quoted camelCase
-- columns, timestamptz(3), client-generated "id" (no default) and "updatedAt" without default (V5 adds
-- both), Prisma's index and constraint names. Unique keys are written as named constraints; their
-- backing indexes carry the same names Prisma gives its unique indexes.

CREATE TABLE users (
    "id"                  uuid            NOT NULL,
    "role"                "UserRole"      NOT NULL,
    "firstName"           varchar(100),
    "lastName"            varchar(100),
    "fullName"            varchar(200),
    "phoneNumber"         varchar(20)     NOT NULL,
    "email"               varchar(255),
    "passwordHash"        varchar(255)    NOT NULL,
    "pinCodeHash"         varchar(255),
    "gender"              "Gender",
    "dateOfBirth"         date,
    "idCardNumber"        varchar(50),
    "language"            "Language"      NOT NULL DEFAULT 'KHMER',
    "theme"               "Theme"         NOT NULL DEFAULT 'LIGHT',
    "hospitalClinic"      varchar(255),
    "specialty"           varchar(100),
    "licenseNumber"       varchar(100),
    "licensePhotoUrl"     text,
    "accountStatus"       "AccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "failedLoginAttempts" integer         NOT NULL DEFAULT 0,
    "lockedUntil"         timestamptz(3),
    "createdAt"           timestamptz(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"           timestamptz(3)  NOT NULL,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "users_phoneNumber_key" UNIQUE ("phoneNumber"),
    CONSTRAINT "users_email_key" UNIQUE ("email"),
    CONSTRAINT "users_idCardNumber_key" UNIQUE ("idCardNumber"),
    CONSTRAINT "users_licenseNumber_key" UNIQUE ("licenseNumber")
);

-- the first two duplicate the unique indexes; kept because Prisma's schema declares (and would recreate) them
CREATE INDEX "users_phoneNumber_idx" ON users ("phoneNumber");
CREATE INDEX "users_email_idx" ON users ("email");
CREATE INDEX "users_role_idx" ON users ("role");
CREATE INDEX "users_accountStatus_idx" ON users ("accountStatus");

CREATE TABLE connections (
    "id"              uuid               NOT NULL,
    "initiatorId"     uuid               NOT NULL,
    "recipientId"     uuid               NOT NULL,
    "status"          "ConnectionStatus" NOT NULL DEFAULT 'PENDING',
    "permissionLevel" "PermissionLevel"  NOT NULL DEFAULT 'ALLOWED',
    "requestedAt"     timestamptz(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt"      timestamptz(3),
    "revokedAt"       timestamptz(3),
    "createdAt"       timestamptz(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"       timestamptz(3)     NOT NULL,
    CONSTRAINT "connections_pkey" PRIMARY KEY ("id"),
    -- unique per direction only (A->B and B->A may both exist), as in the application
    CONSTRAINT "connections_initiatorId_recipientId_key" UNIQUE ("initiatorId", "recipientId"),
    CONSTRAINT "connections_initiatorId_fkey" FOREIGN KEY ("initiatorId") REFERENCES users ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "connections_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES users ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "connections_initiatorId_idx" ON connections ("initiatorId");
CREATE INDEX "connections_recipientId_idx" ON connections ("recipientId");
CREATE INDEX "connections_status_idx" ON connections ("status");
