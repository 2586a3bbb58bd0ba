-- Reverts V4, dependents first (indexes and constraints go with their tables).
DROP TABLE meal_time_preferences;
DROP TABLE family_members;
DROP TABLE subscriptions;
DROP TABLE audit_logs;
DROP TABLE notifications;
