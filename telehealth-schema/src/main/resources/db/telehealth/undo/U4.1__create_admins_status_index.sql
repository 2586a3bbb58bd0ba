-- Reverts V4.1: the index of admins.status.
DROP INDEX idx_admins_status;
