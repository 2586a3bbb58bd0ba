-- The application's 13 enum types (its migration guide says "14 types" but lists, and creates, 13).
-- Quoted PascalCase names and UPPER_CASE labels exactly as Prisma created them; label order matters
-- (Prisma maps by label, PostgreSQL sorts by declaration order).
-- V1..V4 together are the application's init migration 20260208074559_init, split for readability.

CREATE TYPE "UserRole" AS ENUM ('PATIENT', 'DOCTOR', 'FAMILY_MEMBER');

CREATE TYPE "Gender" AS ENUM ('MALE', 'FEMALE', 'OTHER');

CREATE TYPE "Language" AS ENUM ('KHMER', 'ENGLISH');

CREATE TYPE "Theme" AS ENUM ('LIGHT', 'DARK');

CREATE TYPE "AccountStatus" AS ENUM ('ACTIVE', 'PENDING_VERIFICATION', 'VERIFIED', 'REJECTED', 'LOCKED');

CREATE TYPE "ConnectionStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REVOKED');

CREATE TYPE "PermissionLevel" AS ENUM ('NOT_ALLOWED', 'REQUEST', 'SELECTED', 'ALLOWED');

CREATE TYPE "PrescriptionStatus" AS ENUM ('DRAFT', 'ACTIVE', 'PAUSED', 'INACTIVE');

CREATE TYPE "TimePeriod" AS ENUM ('DAYTIME', 'NIGHT');

CREATE TYPE "DoseEventStatus" AS ENUM ('DUE', 'TAKEN_ON_TIME', 'TAKEN_LATE', 'MISSED', 'SKIPPED');

CREATE TYPE "SubscriptionTier" AS ENUM ('FREEMIUM', 'PREMIUM', 'FAMILY_PREMIUM');

CREATE TYPE "NotificationType" AS ENUM ('CONNECTION_REQUEST', 'PRESCRIPTION_UPDATE', 'MISSED_DOSE_ALERT',
    'URGENT_PRESCRIPTION_CHANGE', 'FAMILY_ALERT');

CREATE TYPE "AuditActionType" AS ENUM ('CONNECTION_REQUEST', 'CONNECTION_ACCEPT', 'CONNECTION_REVOKE', 'PERMISSION_CHANGE',
    'PRESCRIPTION_CREATE', 'PRESCRIPTION_UPDATE', 'PRESCRIPTION_CONFIRM', 'PRESCRIPTION_RETAKE', 'DOSE_TAKEN', 'DOSE_SKIPPED',
    'DOSE_MISSED', 'DATA_ACCESS', 'NOTIFICATION_SENT', 'SUBSCRIPTION_CHANGE');
