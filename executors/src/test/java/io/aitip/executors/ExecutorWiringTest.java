package io.aitip.executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.executors.local.LocalInferenceExecutor;
import io.aitip.executors.local.LocalProcessExecutor;
import io.aitip.platform.inference.InferenceExecutor;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.JobExecutor;
import io.aitip.platform.training.TrainingRecovery;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The beans as the server's component scan of {@code io.aitip} finds them, with {@code aitip.executor.*} bound. */
class ExecutorWiringTest {

    @Configuration
    @ComponentScan({"io.aitip.platform.datasets", "io.aitip.platform.training", "io.aitip.platform.experiments",
            "io.aitip.platform.models", "io.aitip.platform.inference", "io.aitip.executors"})
    static class Scan {
    }

    static TestDatabase db;
    static HikariDataSource pool;

    @TempDir
    Path home;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
        db.close();
    }

    ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withBean(JdbcTemplate.class, () -> new JdbcTemplate(pool))
                .withUserConfiguration(Scan.class);
    }

    @Test
    void theLocalExecutorIsTheDefaultAndBindsItsProperties() {
        runner().withPropertyValues("aitip.executor.home=" + home, "aitip.executor.gpus=a100:2,t4:1",
                        "aitip.executor.max-cpu-jobs=3", "aitip.executor.stop-grace=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(LocalProcessExecutor.class)
                            .hasSingleBean(TrainingRecovery.class);
                    ExecutorProperties properties = context.getBean(ExecutorProperties.class);
                    assertThat(properties.kind()).isEqualTo("local");
                    assertThat(properties.home()).isEqualTo(home);
                    assertThat(properties.maxCpuJobs()).isEqualTo(3);
                    assertThat(properties.stopGrace()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(properties.javaBinary()).endsWith("java");
                    assertThat(context.getBean(JobExecutor.class).pool().describe()).isEqualTo("a100 ×2, t4 ×1");
                    assertThat(context.getBean(InferenceExecutor.class)).isInstanceOf(LocalInferenceExecutor.class)
                            .satisfies(e -> assertThat(e.pool().describe()).as("one GPU inventory for both")
                                    .isEqualTo("a100 ×2, t4 ×1"));
                    context.getBean(TrainingRecovery.class).recover();
                });
    }

    @Test
    void anotherExecutorKindLeavesTheLocalOneOutAndSubmitSaysUnavailable() {
        runner().withPropertyValues("aitip.executor.kind=kubernetes", "aitip.executor.home=" + home)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(JobExecutor.class)
                            .doesNotHaveBean(InferenceExecutor.class);
                    TrainingSubmitTool submit = context.getBean(TrainingSubmitTool.class);
                    assertThatThrownBy(() -> submit.call(TestToolContext.member("o", "p"), new TrainingSubmitTool.Input(
                            null, "m", null, null, "true", null, null, null, null, null, null, null, null)))
                            .isInstanceOfSatisfying(ToolException.class,
                                    e -> assertThat(e.error().code()).isEqualTo(ErrorCode.UNAVAILABLE));
                });
    }
}
