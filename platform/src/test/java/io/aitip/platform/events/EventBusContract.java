package io.aitip.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What every {@link EventBus} does; each implementation's test extends this suite. */
abstract class EventBusContract {

    /** A new bus; the test closes it. */
    abstract EventBus newBus();

    static void await(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }

    static void close(EventBus bus) {
        bus.close();
    }

    @Test
    void subscribersGetTheEventsTheirFilterAcceptsAndNothingAfterClosing() throws Exception {
        EventBus bus = newBus();
        try {
            List<LiveEvent> jobs = new CopyOnWriteArrayList<>();
            List<LiveEvent> orgB = new CopyOnWriteArrayList<>();
            EventBus.Subscription s = bus.subscribe(e -> e.area().equals("job"), jobs::add);
            bus.subscribe(e -> "org-b".equals(e.orgId()), orgB::add);
            bus.publish(LiveEvent.of("job.status", "org-a", "prj", "train-1", Map.of("status", "running")));
            bus.publish(LiveEvent.of("execution.status", "org-b", "prj", "exec-1", Map.of("status", "queued")));
            await(jobs, 1);
            await(orgB, 1);
            assertThat(jobs.get(0).subject()).isEqualTo("train-1");
            assertThat(jobs.get(0).data()).containsEntry("status", "running");
            assertThat(orgB.get(0).type()).isEqualTo("execution.status");
            s.close();
            bus.publish(LiveEvent.of("job.status", "org-a", "prj", "train-2", Map.of()));
            bus.publish(LiveEvent.of("job.status", "org-b", "prj", "train-3", Map.of()));
            await(orgB, 2);
            assertThat(jobs).hasSize(1);
        } finally {
            close(bus);
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() throws Exception {
        EventBus bus = newBus();
        try {
            List<LiveEvent> got = new CopyOnWriteArrayList<>();
            bus.subscribe(e -> true, e -> {
                throw new IllegalStateException("listener bug");
            });
            bus.subscribe(e -> true, got::add);
            bus.publish(LiveEvent.of("job.logs", "org-a", "prj", "train-1", Map.of()));
            bus.publish(LiveEvent.of("job.logs", "org-a", "prj", "train-1", Map.of()));
            await(got, 2);
        } finally {
            close(bus);
        }
    }

    @Test
    void eventsKeepTheirOrder() throws Exception {
        EventBus bus = newBus();
        try {
            List<LiveEvent> got = new CopyOnWriteArrayList<>();
            bus.subscribe(e -> true, got::add);
            for (int i = 0; i < 200; i++) {
                bus.publish(LiveEvent.of("job.logs", "org-a", "prj", "train-" + i, Map.of()));
            }
            await(got, 200);
            assertThat(got.stream().map(LiveEvent::subject).toList()).startsWith("train-0", "train-1", "train-2")
                    .endsWith("train-199");
        } finally {
            close(bus);
        }
    }
}
