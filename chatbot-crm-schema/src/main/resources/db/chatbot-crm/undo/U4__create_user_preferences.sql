-- Reverts V4: user_preferences with its indexes, trigger and policies.
DROP TABLE user_preferences;
