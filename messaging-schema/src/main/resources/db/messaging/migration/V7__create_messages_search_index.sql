-- V3 online, step 5 of 5: the full-text index of messages, built CONCURRENTLY (writers continue), so
-- this script holds nothing else and runs outside a transaction. A failed build leaves an INVALID
-- index, which the next migrate drops before running this again.
CREATE INDEX CONCURRENTLY IF NOT EXISTS messages_content_search_idx ON ${schema}.messages USING gin (to_tsvector('english'::regconfig, content));
