DROP FUNCTION ${schema.platform}.generate_public_id(text);
DROP FUNCTION ${schema.platform}.set_updated_at();
