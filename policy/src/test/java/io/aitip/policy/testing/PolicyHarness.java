package io.aitip.policy.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.audit.AuditWriter;
import io.aitip.platform.store.JdbcExecutionStore;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.webhooks.WebhookOutbox;
import io.aitip.policy.PolicyProperties;
import io.aitip.policy.approvals.ApprovalService;
import io.aitip.policy.approvals.ApprovalStore;
import io.aitip.policy.approvals.ApprovalsDecideTool;
import io.aitip.policy.approvals.ApprovalsListTool;
import io.aitip.policy.approvals.JdbcApprovalGate;
import io.aitip.policy.approvals.Requesters;
import io.aitip.policy.cedar.CedarPolicy;
import io.aitip.policy.cedar.CedarPolicyStore;
import io.aitip.policy.confirm.JdbcConfirmationGate;
import io.aitip.policy.quota.QuotaAdmission;
import io.aitip.policy.quota.QuotaProperties;
import io.aitip.policy.quota.QuotaStore;
import io.aitip.tools.pipeline.CallLimiter;
import io.aitip.policy.tenancy.TenancyStore;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.model.Tool;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.Invocation;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The real policy engine on a fresh database: Cedar with the shipped policies, confirmation and
 * approval gates, the execution store, the audit writer and the webhook outbox, behind a real
 * {@link InvocationPipeline} with the approvals tools and the tools a test adds.
 */
public final class PolicyHarness implements AutoCloseable {

    public final TestDatabase db = TestDatabase.create();
    public final HikariDataSource dataSource = pool(db);
    public final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    public final TenancyStore tenancy = new TenancyStore(jdbc);
    public final PolicyProperties properties = PolicyProperties.defaults();
    public final CedarPolicy policy = new CedarPolicy(new CedarPolicyStore(properties), properties, List.of());
    public final AuditWriter audit = new AuditWriter(jdbc, new DataSourceTransactionManager(dataSource));
    public final QuotaStore quotas;
    public final QuotaAdmission admission;
    public final InvocationPipeline pipeline;
    public final ApprovalService approvals;
    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

    public PolicyHarness(List<Tool<?>> tools) {
        this(tools, QuotaProperties.unlimited(), CallLimiter.NONE);
    }

    public PolicyHarness(List<Tool<?>> tools, QuotaProperties quotaDefaults, CallLimiter limiter) {
        quotas = new QuotaStore(jdbc, quotaDefaults);
        admission = new QuotaAdmission(quotas, properties);
        beans.addBean("outbox", new WebhookOutbox());
        ApprovalStore store = new ApprovalStore(jdbc);
        approvals = new ApprovalService(store, new Requesters(jdbc), policy, provider(InvocationPipeline.class),
                provider(WebhookOutbox.class));
        List<Tool<?>> all = new ArrayList<>(tools);
        all.add(new ApprovalsListTool(approvals));
        all.add(new ApprovalsDecideTool(approvals));
        pipeline = new InvocationPipeline(new ToolCatalog(all), policy, new JdbcConfirmationGate(jdbc, policy),
                new JdbcApprovalGate(store, provider(WebhookOutbox.class), policy, properties), admission, limiter,
                new JdbcExecutionStore(jdbc), audit, Executors.newCachedThreadPool());
        beans.addBean("pipeline", pipeline);
    }

    /** Enough connections for the concurrency tests (20 callers at once). */
    private static HikariDataSource pool(TestDatabase db) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setMaximumPoolSize(24);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    public <T> ObjectProvider<T> provider(Class<T> type) {
        return beans.getBeanProvider(type);
    }

    /** A new org with its default project. */
    public TenancyStore.Org org(String slug) {
        return tenancy.createOrg(slug, slug);
    }

    /** A new member of the org with this role, acting through a login (no API key). */
    public Principal member(TenancyStore.Org org, String username, Role role) {
        TenancyStore.User user = tenancy.createUser(username, username + "@example.test", null);
        tenancy.putMembership(org.id(), user.id(), role);
        return new Principal(user.id(), username, org.id(), org.slug(), tenancy.defaultProject(org.id()), role, null, null);
    }

    public ExecutionResult call(Principal principal, String tool, String arguments) {
        return pipeline.invoke(Invocation.of(principal, Door.REST, tool, Json.MAPPER.readTree(arguments)));
    }

    @Override
    public void close() {
        audit.flush();
        audit.close();
        dataSource.close();
        db.close();
    }
}
