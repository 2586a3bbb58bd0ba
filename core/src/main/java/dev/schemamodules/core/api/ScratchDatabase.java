package dev.schemamodules.core.api;

import javax.sql.DataSource;

/**
 * An empty database that lives for one drift check: the catalog that a module's applied migrations
 * produce is rebuilt there and compared with the live one. Closing it drops it.
 */
public interface ScratchDatabase extends AutoCloseable {

    /** {@return connections to the scratch database} */
    DataSource dataSource();

    /** {@return where it is, for messages (password masked)} */
    String description();

    /** Drops the scratch database. */
    @Override
    void close();
}
