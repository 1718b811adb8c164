package io.aitip.platform.testplans;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A plan as the tools return it; values of credential headers are masked. */
public record TestPlanView(String planId, String name, String description, String type, String baseUrl, int caseCount,
                           List<TestCase> cases, Instant createdAt) {

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "x-api-key", "api-key");

    public static TestPlanView of(TestPlan p) {
        return new TestPlanView(p.id(), p.name(), p.description(), p.type().wire(), p.baseUrl(), p.cases().size(),
                p.cases().stream().map(TestPlanView::masked).toList(), p.createdAt());
    }

    static TestCase masked(TestCase c) {
        if (c.headers() == null) {
            return c;
        }
        List<TestCase.Header> headers = c.headers().stream().map(h -> secret(h.name())
                ? new TestCase.Header(h.name(), "***") : h).toList();
        return new TestCase(c.name(), c.method(), c.path(), headers, c.body(), c.expectedStatus(), c.assertions(),
                c.maxLatencyMs(), c.skip());
    }

    static boolean secret(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return SECRET_HEADERS.contains(h) || h.contains("token") || h.contains("secret");
    }
}
