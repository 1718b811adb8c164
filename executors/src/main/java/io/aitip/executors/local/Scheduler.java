package io.aitip.executors.local;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One thread that runs a scheduling pass when woken (a job arrived or ended), and every second anyway. */
final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final Runnable pass;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean open = true;

    Scheduler(Runnable pass) {
        this.pass = pass;
        this.thread = new Thread(this::loop, "job-scheduler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void wake() {
        wake.release();
    }

    private void loop() {
        while (open) {
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
                if (open) {
                    pass.run();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("scheduling pass failed; retrying in a second", e);
            }
        }
    }

    @Override
    public void close() {
        open = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
