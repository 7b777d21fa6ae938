package operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The shared base of the few long-running loops (the outbox follower, the Kafka relay, the batch
 * workers): daemon threads that run rounds of work until stopped, rest when a round found nothing,
 * can be woken early, back off after a failure, and stop gracefully (the current round finishes, then
 * the thread ends) when the application shuts down. Periodic jobs use {@code @Scheduled} instead.
 */
public abstract class BackgroundLoop {

    private final Logger log = Logger.getLogger(getClass());
    private final String name;
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    protected BackgroundLoop(String name) {
        this.name = name;
    }

    /**
     * One round of work; returns true when more work may be waiting right away (the next round starts at
     * once), false to rest until woken or until {@link #idle()} has passed.
     */
    protected abstract boolean round() throws Exception;

    /** How long to rest when a round found nothing to do. */
    protected Duration idle() {
        return Duration.ofSeconds(1);
    }

    /** How long to wait after a failed round before the next. */
    protected Duration backoff() {
        return Duration.ofSeconds(2);
    }

    /** Rests between rounds; a loop with its own wake-up signal (LISTEN) overrides it. */
    protected void rest() throws Exception {
        wake.tryAcquire(idle().toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
    }

    /**
     * On shutdown, how long a thread may take to finish the round it is in (a transaction commits, its
     * locks go) before it is interrupted.
     */
    protected Duration stopGrace() {
        return Duration.ofSeconds(5);
    }

    /** Whether the loop has been told to stop (a round cut short by the stop should not count as failed). */
    public final boolean stopping() {
        return !running;
    }

    /** Called after a failed round; the default logs it. */
    protected void failed(Exception e) {
        log.warnf("%s paused after a failure: %s", name, e.getMessage());
    }

    /** Starts {@code count} threads running rounds. */
    protected final synchronized void startLoop(int count) {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::loop, count == 1 ? name : name + "-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /**
     * Stops: no new round starts, resting threads wake and end, and a thread in a round finishes it; one
     * still busy after {@link #stopGrace()} is interrupted.
     */
    protected final synchronized void stopLoop() {
        running = false;
        wake.release(threads.size());
        long deadline = System.nanoTime() + stopGrace().toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                log.infof("%s is still working; interrupting it", thread.getName());
                thread.interrupt();
            }
        }
        threads.clear();
    }

    /** Ends the rest of a sleeping thread so that it starts a round now. */
    public final void wake() {
        if (running) {
            wake.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!round() && running) {
                    rest();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failed(e);
                try {
                    Thread.sleep(backoff().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
