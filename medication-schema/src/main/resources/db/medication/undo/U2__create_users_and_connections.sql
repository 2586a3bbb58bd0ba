-- Reverts V2 (its indexes and constraints go with the tables). Runs after U3 and U4.
DROP TABLE connections;
DROP TABLE users;
