-- Notifications, the audit trail, subscriptions with their family members, and meal-time preferences,
-- exactly as the application's init migration creates them (see V2 for the conventions). After V4 the
-- schema equals the application's init migration 20260208074559_init.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE notifications (
    "id"          uuid               NOT NULL,
    "recipientId" uuid               NOT NULL,
    "type"        "NotificationType" NOT NULL,
    "title"       varchar(255)       NOT NULL,
    "message"     text               NOT NULL,
    "data"        jsonb,
    "isRead"      boolean            NOT NULL DEFAULT false,
    "readAt"      timestamptz(3),
    "createdAt"   timestamptz(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notifications_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES users ("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "notifications_recipientId_idx" ON notifications ("recipientId");
CREATE INDEX "notifications_recipientId_isRead_idx" ON notifications ("recipientId", "isRead");
CREATE INDEX "notifications_createdAt_idx" ON notifications ("createdAt");

-- survives the deletion of its actor ("actorId" SET NULL); "resourceId" is polymorphic, hence no FK
CREATE TABLE audit_logs (
    "id"           uuid              NOT NULL,
    "actorId"      uuid,
    "actorRole"    "UserRole",
    "actionType"   "AuditActionType" NOT NULL,
    "resourceType" varchar(100)      NOT NULL,
    "resourceId"   uuid,
    "details"      jsonb,
    "ipAddress"    varchar(45),
    "createdAt"    timestamptz(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_logs_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES users ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

CREATE INDEX "audit_logs_actorId_idx" ON audit_logs ("actorId");
CREATE INDEX "audit_logs_resourceId_idx" ON audit_logs ("resourceId");
CREATE INDEX "audit_logs_createdAt_idx" ON audit_logs ("createdAt");
CREATE INDEX "audit_logs_actionType_idx" ON audit_logs ("actionType");

-- one per user; the quota default is the FREEMIUM quota (5 GiB) whatever the tier: the application sets
-- the tier's quota (seed/common R__subscription_tier_quotas) when the tier changes
CREATE TABLE subscriptions (
    "id"           uuid               NOT NULL,
    "userId"       uuid               NOT NULL,
    "tier"         "SubscriptionTier" NOT NULL DEFAULT 'FREEMIUM',
    "storageQuota" bigint             NOT NULL DEFAULT 5368709120,
    "storageUsed"  bigint             NOT NULL DEFAULT 0,
    "expiresAt"    timestamptz(3),
    "createdAt"    timestamptz(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"    timestamptz(3)     NOT NULL,
    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "subscriptions_userId_key" UNIQUE ("userId"),
    CONSTRAINT "subscriptions_userId_fkey" FOREIGN KEY ("userId") REFERENCES users ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "subscriptions_userId_idx" ON subscriptions ("userId");
CREATE INDEX "subscriptions_tier_idx" ON subscriptions ("tier");

CREATE TABLE family_members (
    "id"             uuid           NOT NULL,
    "subscriptionId" uuid           NOT NULL,
    "memberId"       uuid           NOT NULL,
    "addedAt"        timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "family_members_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "family_members_subscriptionId_memberId_key" UNIQUE ("subscriptionId", "memberId"),
    CONSTRAINT "family_members_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES subscriptions ("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "family_members_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES users ("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "family_members_subscriptionId_idx" ON family_members ("subscriptionId");

CREATE TABLE meal_time_preferences (
    "id"            uuid           NOT NULL,
    "userId"        uuid           NOT NULL,
    "morningMeal"   varchar(20),
    "afternoonMeal" varchar(20),
    "nightMeal"     varchar(20),
    "createdAt"     timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"     timestamptz(3) NOT NULL,
    CONSTRAINT "meal_time_preferences_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "meal_time_preferences_userId_key" UNIQUE ("userId"),
    CONSTRAINT "meal_time_preferences_userId_fkey" FOREIGN KEY ("userId") REFERENCES users ("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "meal_time_preferences_userId_idx" ON meal_time_preferences ("userId");
