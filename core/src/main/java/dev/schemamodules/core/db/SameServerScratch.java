package dev.schemamodules.core.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.ScratchDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/** A scratch database created next to the live one ({@code CREATE DATABASE}, needs CREATEDB), dropped on close. */
public final class SameServerScratch implements ScratchDatabase {

    private final DataSource live;
    private final String name;
    private final HikariDataSource dataSource;
    private final String description;
    private final ConnectionSettings settings;

    private SameServerScratch(DataSource live, String name, HikariDataSource dataSource, String description, ConnectionSettings settings) {
        this.live = live;
        this.name = name;
        this.dataSource = dataSource;
        this.description = description;
        this.settings = settings;
    }

    /** How to connect to the scratch database (for pools of its own). */
    public ConnectionSettings settings() {
        return settings;
    }

    public static SameServerScratch create(DataSource live, ConnectionSettings liveSettings) {
        String name = "schema_modules_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = live.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new MigrationException(null, "cannot create scratch database " + name + " on the same server (the role needs CREATEDB; "
                    + "or use --scratch embedded): " + SqlErrors.describe(e), e);
        }
        String url = liveSettings.jdbcUrl().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        ConnectionSettings s = new ConnectionSettings(url, liveSettings.user().orElse(null), liveSettings.password().orElse(null),
                ConnectionStrings.describe(url, liveSettings.user().orElse(null), liveSettings.password().isPresent()));
        return new SameServerScratch(live, name, DataSources.create(s, "schema-modules-scratch", Duration.ofSeconds(30)), s.masked(), s);
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
        try (Connection c = live.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new MigrationException(null, "could not drop scratch database " + name + "; drop it by hand: " + e.getMessage(), e);
        }
    }
}
