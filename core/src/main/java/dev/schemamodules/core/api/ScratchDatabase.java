package dev.schemamodules.core.api;

import javax.sql.DataSource;

/**
 * An empty database that lives for one drift check: the catalog that a module's applied migrations
 * produce is rebuilt there and compared with the live one. Closing it drops it.
 */
public interface ScratchDatabase extends AutoCloseable {

    DataSource dataSource();

    /** Where it is, for messages (masked). */
    String description();

    @Override
    void close();
}
