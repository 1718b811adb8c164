package io.aitip.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Spring wires the webhook parts and the state machine writes events through the outbox bean. */
class WebhookWiringTest {

    @Test
    void theApplicationContextWiresTheOutboxIntoTheStateMachine() throws Exception {
        try (WebhookFixture f = new WebhookFixture();
             AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            // as in the application: "60s" and "500ms" settings bind to Duration
            context.getBeanFactory().setConversionService(new ApplicationConversionService());
            context.registerBean(JdbcTemplate.class, () -> f.jdbc);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                    "aitip.webhooks.allowlist", "127.0.0.1", "aitip.webhooks.worker.enabled", "false")));
            context.register(JobStateMachine.class, WebhookOutbox.class, WebhookStore.class, UrlGuard.class,
                    WebhookDeliveryWorker.class, WebhookEndpointCreateTool.class, WebhookEndpointListTool.class,
                    WebhookDeliveriesTool.class, WebhookReplayTool.class);
            context.refresh();
            assertThat(context.getBean(WebhookDeliveryWorker.class).isRunning()).isFalse();
            // the allow-list reached the guard
            assertThat(context.getBean(UrlGuard.class).check("http://127.0.0.1:1/x").port()).isEqualTo(1);
            String endpoint = f.endpoint("org-wired", "http://127.0.0.1:1/x", List.of("job.*"));
            JobStateMachine states = context.getBean(JobStateMachine.class);
            String job = f.newJob("org-wired", "prj-1", "wired");
            assertThat(states.end(job, JobStatus.CANCELLED, JobChange.message("stop"))).isTrue();
            assertThat(f.jdbc.queryForList("SELECT endpoint_id FROM webhook_deliveries", String.class))
                    .containsExactly(endpoint);
        }
    }
}
