-- Reference data (any seed environment): the storage quota of each subscription tier, the source the
-- application (and the dev seed's test) read when a tier is assigned or changed. subscriptions."storageQuota"
-- defaults to the FREEMIUM quota only; the database does not tie the quota to the tier (kept from the
-- application). Idempotent: creates the table once, upserts by tier, never deletes.
-- The table belongs to this seed, not to a migration: without seeds the schema holds exactly the
-- application's 11 tables. U1 drops it (IF EXISTS) so that undoing the module leaves the schema empty.

CREATE TABLE IF NOT EXISTS subscription_tier_quotas (
    "tier"         "SubscriptionTier" NOT NULL,
    "storageQuota" bigint             NOT NULL,
    CONSTRAINT "subscription_tier_quotas_pkey" PRIMARY KEY ("tier"),
    CONSTRAINT "subscription_tier_quotas_storageQuota_check" CHECK ("storageQuota" > 0)
);

COMMENT ON TABLE subscription_tier_quotas IS
    'Storage quota in bytes per subscription tier (reference data of seed/common R__subscription_tier_quotas).';

INSERT INTO subscription_tier_quotas ("tier", "storageQuota")
VALUES ('FREEMIUM', 5368709120),         --  5 GiB = 5 * 1024^3
       ('PREMIUM', 21474836480),         -- 20 GiB
       ('FAMILY_PREMIUM', 21474836480)   -- 20 GiB
ON CONFLICT ("tier") DO UPDATE SET "storageQuota" = EXCLUDED."storageQuota"
 WHERE subscription_tier_quotas."storageQuota" IS DISTINCT FROM EXCLUDED."storageQuota";
