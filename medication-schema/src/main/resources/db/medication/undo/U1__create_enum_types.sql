-- Reverts V1: drops the 13 enum types. Runs after U2..U4, so no table uses them any more.
-- The optional reference table of the common seed (R__subscription_tier_quotas) uses "SubscriptionTier"
-- and is not owned by any migration: drop it here so that undoing everything leaves the schema empty.
DROP TABLE IF EXISTS subscription_tier_quotas;

DROP TYPE "AuditActionType";
DROP TYPE "NotificationType";
DROP TYPE "SubscriptionTier";
DROP TYPE "DoseEventStatus";
DROP TYPE "TimePeriod";
DROP TYPE "PrescriptionStatus";
DROP TYPE "PermissionLevel";
DROP TYPE "ConnectionStatus";
DROP TYPE "AccountStatus";
DROP TYPE "Theme";
DROP TYPE "Language";
DROP TYPE "Gender";
DROP TYPE "UserRole";
