package io.aitip.platform.testplans;

import java.util.List;

/** How one case went: passed, failed (with every reason) or skipped, with what came back. */
public record CaseResult(
        String name,
        String status,
        String method,
        String path,
        Integer httpStatus,
        Long latencyMs,
        List<String> failures,
        String responseExcerpt) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    static CaseResult skipped(TestCase c, String why) {
        return new CaseResult(c.name(), SKIPPED, c.methodOrDefault().wire(), c.path(), null, null, List.of(why), null);
    }
}
