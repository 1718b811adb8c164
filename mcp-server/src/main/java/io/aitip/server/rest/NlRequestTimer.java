package io.aitip.server.rest;

import io.aitip.nl.NlResponse;
import io.aitip.nl.NlStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Times natural-language requests as {@code aitip.nl.requests} (tag {@code status}: the answer's
 * status, or {@code error}). It replaces the generic {@code http.server.requests} observation on
 * this route (skipped in ObservabilityConfig), which cost more per request and cannot tell a call
 * that ran from a question. The timers are registered once, not looked up per request.
 */
final class NlRequestTimer {

    private final Map<NlStatus, Timer> byStatus = new EnumMap<>(NlStatus.class);
    private final Timer error;

    NlRequestTimer(MeterRegistry registry) {
        if (registry == null) {
            error = null;
            return;
        }
        for (NlStatus status : NlStatus.values()) {
            byStatus.put(status, timer(registry, status.wire()));
        }
        error = timer(registry, "error");
    }

    void record(NlResponse answer, long nanos) {
        Timer timer = answer == null ? error : byStatus.get(answer.status());
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static Timer timer(MeterRegistry registry, String status) {
        return Timer.builder("aitip.nl.requests").description("Natural-language requests, reading and call included")
                .tag("status", status).register(registry);
    }
}
