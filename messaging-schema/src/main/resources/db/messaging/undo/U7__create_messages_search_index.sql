-- Reverts V7: the full-text index of messages.
DROP INDEX ${schema}.messages_content_search_idx;
