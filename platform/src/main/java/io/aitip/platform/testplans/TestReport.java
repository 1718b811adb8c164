package io.aitip.platform.testplans;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** An execution as test_execute and test_results return it, with a one-line summary. */
public record TestReport(
        String executionId,
        String planId,
        String planName,
        String baseUrl,
        String status,
        int total,
        int passed,
        int failed,
        int skipped,
        Double passRate,
        Long durationMs,
        String summary,
        List<CaseResult> cases,
        Instant startedAt,
        Instant endedAt) {

    public static TestReport of(TestExecution e, boolean onlyFailed) {
        int ran = e.passed() + e.failed();
        Double rate = ran == 0 ? null : Math.round(1000.0 * e.passed() / ran) / 10.0;
        String summary = String.format(Locale.ROOT, "%s: %d passed, %d failed, %d skipped of %d%s", e.status(),
                e.passed(), e.failed(), e.skipped(), e.total(), e.durationMs() == null ? "" : " in " + e.durationMs() + " ms");
        List<CaseResult> cases = onlyFailed
                ? e.results().stream().filter(r -> r.status().equals(CaseResult.FAILED)).toList() : e.results();
        return new TestReport(e.id(), e.planId(), e.planName(), e.baseUrl(), e.status(), e.total(), e.passed(),
                e.failed(), e.skipped(), rate, e.durationMs(), summary, cases, e.startedAt(), e.endedAt());
    }
}
