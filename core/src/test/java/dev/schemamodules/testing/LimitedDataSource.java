package dev.schemamodules.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source over a pool that gives at most a number of connections open at once and refuses (an
 * {@link SQLException}, at once) any more: a pool with no connection to spare that does not make its caller wait.
 */
public final class LimitedDataSource {

    private LimitedDataSource() {
    }

    /** {@code pool} with at most {@code open} of its connections open at once; each refusal counted in {@code refused}. */
    public static DataSource of(DataSource pool, int open, AtomicInteger refused) {
        AtomicInteger inUse = new AtomicInteger();
        ClassLoader loader = LimitedDataSource.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            if (!method.getName().equals("getConnection")) {
                return invoke(method, pool, args);
            }
            if (inUse.incrementAndGet() > open) {
                inUse.decrementAndGet();
                refused.incrementAndGet();
                throw new SQLException("no connection to spare (" + open + " open; a test's limited data source)");
            }
            Connection c;
            try {
                c = (Connection) invoke(method, pool, args);
            } catch (Throwable e) {
                inUse.decrementAndGet();
                throw e;
            }
            AtomicBoolean closed = new AtomicBoolean();
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("close") && closed.compareAndSet(false, true)) {
                    inUse.decrementAndGet();
                }
                return invoke(m, c, a);
            });
        });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
