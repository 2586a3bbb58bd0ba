-- Reverts V30: the six system tables with their indexes and triggers (children first).
DROP TABLE settings;
DROP TABLE user_roles;
DROP TABLE roles;
DROP TABLE audit_logs;
DROP TABLE internal_messages;
DROP TABLE notifications;
