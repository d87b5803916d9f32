package jp.tsunagu.shared;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that rebuilds something derived (an index, a set of figures) on a thread of its own: a request while it
 * runs makes one more run after it, never a queue, so a burst of changes costs at most two runs. A failed run
 * is logged and leaves the previous result in place.
 */
public final class CoalescingJob implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoalescingJob.class);

    private final String name;
    private final Runnable work;
    private final ExecutorService thread;
    private final Object state = new Object();
    private boolean running;
    private boolean again;
    private Optional<Future<?>> current = Optional.empty();

    public CoalescingJob(String name, Runnable work) {
        this.name = name;
        this.work = work;
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name).daemon(true).factory());
    }

    /** Starts a run, or asks for one more after the running one; the future completes when the work is done. */
    public Future<?> request() {
        synchronized (state) {
            if (running) {
                again = true;
                return current.orElseThrow();
            }
            running = true;
            Future<?> future = thread.submit(this::loop);
            current = Optional.of(future);
            return future;
        }
    }

    /** Whether a run is going on or asked for. */
    public boolean running() {
        synchronized (state) {
            return running;
        }
    }

    /** The future of the current (or last) run, if there was one. */
    public Optional<Future<?>> current() {
        synchronized (state) {
            return current;
        }
    }

    private Void loop() {
        while (true) {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("{} failed; the previous result stays until the next run", name, e);
            }
            synchronized (state) {
                if (!again) {
                    running = false;
                    return null;
                }
                again = false;
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
