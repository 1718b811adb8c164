package io.aitip.platform.testplans;

import io.aitip.platform.support.Scope;
import io.aitip.platform.webhooks.UrlGuard;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Test plans and their runs. Target URLs come from callers, so every one passes the SSRF guard
 * (the webhooks' {@link UrlGuard} and its allow-list) and requests go to the address it checked.
 */
@Service
public class TestPlanService {

    public static final int MAX_CASES = 100;

    private final TestPlanStore store;
    private final UrlGuard guard;
    private final CaseRunner runner;

    @Autowired
    public TestPlanService(TestPlanStore store, UrlGuard guard) {
        this(store, guard, new CaseRunner(new PinnedHttpClient()));
    }

    public TestPlanService(TestPlanStore store, UrlGuard guard, CaseRunner runner) {
        this.store = store;
        this.guard = guard;
        this.runner = runner;
    }

    public TestPlan create(Scope scope, TestPlanCreateTool.Input in) {
        String name = in.name().trim();
        if (name.isEmpty()) {
            throw ToolException.invalid("/name", "The plan name is blank; give it a short name, e.g. 'chat-api-smoke'.");
        }
        target("/base_url", in.baseUrl());
        if (in.cases() == null || in.cases().isEmpty()) {
            throw ToolException.invalid("/cases", "Give at least one case, e.g. {\"name\": \"up\", \"path\": \"/health\"}.");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < in.cases().size(); i++) {
            TestCase c = in.cases().get(i);
            if (!names.add(c.name().trim())) {
                throw ToolException.invalid("/cases/" + i + "/name", "Two cases are named '" + c.name()
                        + "'; give each case its own name.");
            }
            List<TestCase.Assertion> assertions = c.assertions() == null ? List.of() : c.assertions();
            for (int k = 0; k < assertions.size(); k++) {
                TestCase.Assertion a = assertions.get(k);
                boolean needsValue = a.op() == TestCase.Op.EQUALS || a.op() == TestCase.Op.CONTAINS;
                if (needsValue && a.value() == null) {
                    throw ToolException.invalid("/cases/" + i + "/assertions/" + k + "/value", a.op().wire()
                            + " needs a value to compare with.");
                }
            }
        }
        try {
            return store.create(scope, name, in.description(), in.type() == null ? TestPlan.Type.API : in.type(),
                    in.baseUrl().trim(), in.cases());
        } catch (DuplicateKeyException e) {
            throw new ToolException(ErrorCode.CONFLICT, "A test plan named '" + name + "' already exists in this "
                    + "project. Run it with test_execute, or create one under another name.");
        }
    }

    public TestPlan require(Scope scope, String plan) {
        return store.find(scope, plan.trim()).orElseThrow(() -> ToolException.notFound("Test plan", plan,
                "Check the id or name with test_plan_list, or create it with test_plan_create."));
    }

    public TestExecution execution(Scope scope, String id) {
        return store.execution(scope, id).orElseThrow(() -> ToolException.notFound("Test execution", id,
                "Pass the execution_id that test_execute returned."));
    }

    public TestPlanStore store() {
        return store;
    }

    /**
     * Runs the plan's cases in order against its base URL (or {@code baseUrl}), recording the
     * execution; with {@code failFast} the cases after the first failure are skipped.
     */
    public TestExecution execute(ToolContext context, TestPlan plan, String baseUrl, boolean failFast) {
        Scope scope = Scope.of(context);
        String url = baseUrl == null || baseUrl.isBlank() ? plan.baseUrl() : baseUrl.trim();
        UrlGuard.Target target = target(baseUrl == null ? "/plan" : "/base_url", url);
        String id = store.startExecution(scope, plan, url);
        long started = System.nanoTime();
        List<CaseResult> results = new ArrayList<>();
        boolean failedOnce = false;
        String status = "passed";
        try {
            for (int i = 0; i < plan.cases().size(); i++) {
                TestCase c = plan.cases().get(i);
                context.checkCancelled();
                context.progress(i, (double) plan.cases().size(), plan.name() + ": case " + (i + 1) + " of "
                        + plan.cases().size() + " (" + c.name() + ")");
                CaseResult result;
                if (Boolean.TRUE.equals(c.skip())) {
                    result = CaseResult.skipped(c, "skip is set on this case");
                } else if (failFast && failedOnce) {
                    result = CaseResult.skipped(c, "fail_fast: an earlier case failed");
                } else {
                    result = runner.run(target, c);
                }
                failedOnce |= result.status().equals(CaseResult.FAILED);
                results.add(result);
            }
            status = failedOnce ? "failed" : "passed";
        } catch (ToolContext.CancelledException e) {
            status = "cancelled";
            throw e;
        } finally {
            store.finishExecution(id, status, results, (System.nanoTime() - started) / 1_000_000);
        }
        return execution(scope, id);
    }

    private UrlGuard.Target target(String pointer, String url) {
        try {
            return guard.check(url);
        } catch (UrlGuard.Refused e) {
            throw ToolException.invalid(pointer, "The SSRF guard refused this target URL: "
                    + e.getMessage().replace("webhooks may not reach", "tests may not reach"));
        }
    }
}
