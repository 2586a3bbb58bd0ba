-- Reverts V1 (the document's manual rollback): drops public_id from the five core tables (its
-- indexes and constraint are reverted by U1.2 and U1.1 first). Also drops the prefix map.
ALTER TABLE patients DROP COLUMN public_id;
ALTER TABLE doctors DROP COLUMN public_id;
ALTER TABLE appointments DROP COLUMN public_id;
ALTER TABLE sessions DROP COLUMN public_id;
ALTER TABLE insurance_claims DROP COLUMN public_id;
DROP FUNCTION public_id_prefixes();
