package io.aitip.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The Redis bus against the machine's real Redis (127.0.0.1:6379): the contract, fan-out between
 * two buses (two replicas), and an unreachable Redis (local subscribers still served, health down).
 */
class RedisEventBusTest extends EventBusContract {

    static final String REDIS = "redis://127.0.0.1:6379";

    @Override
    EventBus newBus() {
        return new RedisEventBus(REDIS);
    }

    @Test
    void eventsOfOneReplicaReachTheOthersSubscribersOnceAndNotTheirOwnTwice() throws Exception {
        try (RedisEventBus a = new RedisEventBus(REDIS); RedisEventBus b = new RedisEventBus(REDIS)) {
            assertThat(a.health().up()).isTrue();
            String marker = "train-" + System.nanoTime();
            List<LiveEvent> onA = new CopyOnWriteArrayList<>();
            List<LiveEvent> onB = new CopyOnWriteArrayList<>();
            a.subscribe(e -> e.subject().startsWith(marker), onA::add);
            b.subscribe(e -> e.subject().startsWith(marker), onB::add);
            a.publish(LiveEvent.of("job.status", "org-a", "prj", marker + "-from-a", Map.of("status", "succeeded")));
            b.publish(LiveEvent.of("job.status", "org-a", "prj", marker + "-from-b", Map.of("status", "failed")));
            await(onA, 2);
            await(onB, 2);
            Thread.sleep(300); // a duplicate would arrive by now
            assertThat(onA).extracting(LiveEvent::subject).containsExactlyInAnyOrder(marker + "-from-a", marker + "-from-b");
            assertThat(onB).extracting(LiveEvent::subject).containsExactlyInAnyOrder(marker + "-from-a", marker + "-from-b");
            LiveEvent crossed = onB.stream().filter(e -> e.subject().endsWith("-from-a")).findFirst().orElseThrow();
            assertThat(crossed.orgId()).isEqualTo("org-a");
            assertThat(crossed.data()).containsEntry("status", "succeeded");
        }
    }

    @Test
    void withRedisUnreachableLocalSubscribersStillGetEventsAndHealthSaysWhy() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (RedisEventBus bus = new RedisEventBus("redis://127.0.0.1:" + closedPort)) {
            EventBus.BusHealth health = bus.health();
            assertThat(health.transport()).isEqualTo("redis");
            assertThat(health.up()).isFalse();
            assertThat(health.detail()).contains("127.0.0.1:" + closedPort);
            List<LiveEvent> got = new CopyOnWriteArrayList<>();
            bus.subscribe(e -> true, got::add);
            bus.publish(LiveEvent.of("job.status", "org-a", "prj", "train-1", Map.of()));
            await(got, 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(bus.health().up()).isFalse();
                Thread.sleep(500);
            }
        }
    }
}
