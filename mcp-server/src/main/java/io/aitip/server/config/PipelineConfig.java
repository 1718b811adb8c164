package io.aitip.server.config;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.model.Tool;
import io.aitip.tools.pipeline.Admission;
import io.aitip.tools.pipeline.ApprovalGate;
import io.aitip.tools.pipeline.CallLimiter;
import io.aitip.tools.pipeline.AuditSink;
import io.aitip.tools.pipeline.ConfirmationGate;
import io.aitip.tools.pipeline.ExecutionStore;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.aitip.tools.pipeline.PolicyHook;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalog (every {@link Tool} bean) and the one pipeline every door uses. */
@Configuration(proxyBeanMethods = false)
public class PipelineConfig {

    @Bean
    public ToolCatalog toolCatalog(List<Tool<?>> tools) {
        return new ToolCatalog(tools);
    }

    /** Runs {@code async: true} executions; bounded so a flood of async calls queues instead of spawning threads. */
    @Bean(destroyMethod = "shutdown")
    public ExecutorService asyncExecutions() {
        return new ThreadPoolExecutor(4, 16, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "async-execution");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Bean
    public InvocationPipeline invocationPipeline(ToolCatalog catalog, PolicyHook policy, ConfirmationGate confirmations,
                                                 ApprovalGate approvals, Admission admission, CallLimiter limiter,
                                                 ExecutionStore executions, AuditSink audit,
                                                 ExecutorService asyncExecutions, ObjectProvider<MeterRegistry> meters) {
        return new InvocationPipeline(catalog, policy, confirmations, approvals, admission, limiter, executions,
                ObservabilityConfig.metered(audit, meters.getIfAvailable()), asyncExecutions);
    }
}
