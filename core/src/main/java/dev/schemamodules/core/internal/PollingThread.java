package dev.schemamodules.core.internal;

/**
 * The thread of a watcher that polls the database beside a run ({@link LockWatcher}, {@link ProgressWatcher}): a
 * daemon, started at most once and only when there is something to watch, never after {@link #stop()}; stopping it
 * interrupts it and waits at most 2 s for it, so that closing a watcher never waits without end.
 */
final class PollingThread {

    private final String name;
    private final Runnable body;
    private Thread thread;
    private boolean stopped;

    PollingThread(String name, Runnable body) {
        this.name = name;
        this.body = body;
    }

    /** Starts the thread unless it is started or stopped already. */
    synchronized void start() {
        if (thread == null && !stopped) {
            thread = new Thread(body, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Interrupts the thread, if it was started, and waits up to 2 s for it to end. */
    void stop() {
        Thread t;
        synchronized (this) {
            stopped = true;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
