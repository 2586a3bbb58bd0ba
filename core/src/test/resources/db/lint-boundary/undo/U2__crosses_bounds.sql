-- undo scripts are not checked for SM014 (they only revert what the module's own migration did)
DROP TABLE clinic.visit_notes;
