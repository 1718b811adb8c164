package io.aitip.platform.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.datasets.Dataset;
import io.aitip.platform.datasets.DatasetStore;
import io.aitip.platform.experiments.RunMetricStore;
import io.aitip.platform.support.Scope;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobMetricStore;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.MetricPoint;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class ModelToolsTest {

    static TestDatabase db;
    static HikariDataSource pool;
    static TrainingJobStore jobs;
    static JobStateMachine states;
    static JobMetricStore metricStore;
    static DatasetStore datasets;
    static ModelRegisterTool register;
    static ModelListTool list;
    static ModelGetTool get;
    static ModelVersionsTool versions;

    @TempDir
    static Path work;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jobs = new TrainingJobStore(jdbc);
        states = new JobStateMachine(jdbc);
        metricStore = new JobMetricStore(jdbc);
        datasets = new DatasetStore(jdbc);
        ModelStore store = new ModelStore(jdbc);
        ModelService service = new ModelService(store, jobs, new RunMetricStore(jdbc));
        register = new ModelRegisterTool(service);
        list = new ModelListTool(store);
        get = new ModelGetTool(service);
        versions = new ModelVersionsTool(service);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
        db.close();
    }

    /**
     * A job of the context's tenant that went through the real lifecycle to {@code status}, with a
     * checkpoint file written where the local executor would and loss/accuracy metrics reported.
     */
    static String job(TestToolContext ctx, Dataset dataset, JobStatus status, String checkpoint) throws Exception {
        String id = Ids.next("train");
        jobs.insert(TrainingJob.draft(id, ctx.principal().orgId(), ctx.principal().projectId(), "usr", "run-" + id,
                "resnet50", dataset == null ? null : dataset.id(), dataset == null ? null : dataset.latestVersion(),
                "pytorch", null, null, new TrainingConfig(0.01, 32, 2, null, null, null, null), null, 0, null, null,
                "none", 1, null, 0, null));
        List<MetricPoint> points = new ArrayList<>();
        for (int step = 1; step <= 20; step++) {
            points.add(new MetricPoint("loss", step, 1.0 / step));
            points.add(new MetricPoint("accuracy", step, step / 25.0));
        }
        metricStore.append(id, points);
        if (status == JobStatus.PENDING) {
            return id;
        }
        states.transition(id, JobStatus.PENDING, JobStatus.QUEUED, JobChange.none());
        states.transition(id, JobStatus.QUEUED, JobStatus.RUNNING, JobChange.none());
        if (status != JobStatus.RUNNING) {
            Path file = null;
            if (checkpoint != null) {
                file = work.resolve(id).resolve("checkpoints").resolve("checkpoint-epoch-2.txt");
                Files.createDirectories(file.getParent());
                Files.writeString(file, checkpoint);
            }
            states.transition(id, JobStatus.RUNNING, status, JobChange.message("finished").exitCode(0)
                    .checkpointPath(file == null ? null : file.toString()));
        }
        return id;
    }

    static String sha256(String text) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void registersVersionsFromSucceededJobsWithChecksumMetricsAndLineage() throws Exception {
        TestToolContext ctx = TestToolContext.member("org-reg", "prj");
        Dataset cats = datasets.create(Scope.of(ctx), "cats", null, "s3://d/cats", "parquet", List.of());
        String first = job(ctx, cats, JobStatus.SUCCEEDED, "weights of the first run");
        String second = job(ctx, cats, JobStatus.SUCCEEDED, "weights of the second run");

        ModelService.Registered v1 = (ModelService.Registered) register.call(ctx,
                new ModelRegisterTool.Input("resnet50-cats", first, null, "pytorch", "pt", "cats vs dogs"));
        assertThat(v1.createdModel()).isTrue();
        assertThat(v1.model().modelId()).matches("mdl-[0-9a-f]{8}");
        assertThat(v1.model().latestVersion()).isEqualTo("v1");
        assertThat(v1.model().framework()).isEqualTo("pytorch");
        assertThat(v1.version().versionId()).matches("mv-[0-9a-f]{8}");
        assertThat(v1.version().version()).isEqualTo("v1");
        assertThat(v1.version().artifactUri()).endsWith(first + "/checkpoints/checkpoint-epoch-2.txt");
        assertThat(v1.version().checksum()).isEqualTo(sha256("weights of the first run"));
        assertThat(v1.version().metrics()).containsEntry("loss", 1.0 / 20).containsEntry("accuracy", 20 / 25.0);
        assertThat(v1.version().lineage().sourceJobId()).isEqualTo(first);
        assertThat(v1.version().lineage().datasetId()).isEqualTo(cats.id());
        assertThat(v1.version().lineage().datasetName()).isEqualTo("cats");
        assertThat(v1.version().lineage().datasetVersion()).isEqualTo("v1");
        assertThat(v1.version().createdBy()).isEqualTo(ctx.principal().userId());

        // by id or name: the next version of the same model
        ModelService.Registered v2 = (ModelService.Registered) register.call(ctx,
                new ModelRegisterTool.Input(v1.model().modelId(), second, null, null, null, null));
        assertThat(v2.createdModel()).isFalse();
        assertThat(v2.model().modelId()).isEqualTo(v1.model().modelId());
        assertThat(v2.version().version()).isEqualTo("v2");
        assertThat(v2.version().checksum()).isEqualTo(sha256("weights of the second run"));
        ModelService.Registered v3 = (ModelService.Registered) register.call(ctx,
                new ModelRegisterTool.Input("resnet50-cats", null, "s3://models/resnet50-cats-distilled.pt", null, null, null));
        assertThat(v3.version().version()).isEqualTo("v3");
        assertThat(v3.version().checksum()).isNull();
        assertThat(v3.version().metrics()).isEmpty();
        assertThat(v3.version().lineage().sourceJobId()).isNull();

        // the same job twice is a conflict, not a silent duplicate
        assertThatThrownBy(() -> register.call(ctx, new ModelRegisterTool.Input("resnet50-cats", first, null, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).contains("v1").contains("model_versions");
                });

        ModelGetTool.Result got = (ModelGetTool.Result) get.call(ctx, new ModelGetTool.Input("resnet50-cats"));
        assertThat(got.model().latestVersion()).isEqualTo("v3");
        assertThat(got.model().versionCount()).isEqualTo(3);
        assertThat(got.model().description()).isEqualTo("cats vs dogs");
        assertThat(got.latestVersion().artifactUri()).isEqualTo("s3://models/resnet50-cats-distilled.pt");

        ModelVersionsTool.Page page1 = (ModelVersionsTool.Page) versions.call(ctx,
                new ModelVersionsTool.Input("resnet50-cats", 2, null));
        assertThat(page1.versions()).extracting(ModelVersion::version).containsExactly("v3", "v2");
        ModelVersionsTool.Page page2 = (ModelVersionsTool.Page) versions.call(ctx,
                new ModelVersionsTool.Input(v1.model().modelId(), 2, page1.nextCursor()));
        assertThat(page2.versions()).extracting(ModelVersion::version).containsExactly("v1");
        assertThat(page2.nextCursor()).isNull();
        assertThatThrownBy(() -> versions.call(ctx, new ModelVersionsTool.Input("resnet50-cats", null, "bogus")))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().pointer()).isEqualTo("/cursor"));

        JsonNode json = Json.tree(page2);
        JsonNode v = json.path("versions").get(0);
        assertThat(v.path("lineage").path("source_job_id").asString()).isEqualTo(first);
        assertThat(v.path("lineage").path("dataset_version").asString()).isEqualTo("v1");
        assertThat(v.path("metrics").path("loss").asDouble()).isEqualTo(0.05);
        assertThat(v.path("checksum").asString()).startsWith("sha256:");
    }

    @Test
    void onlySucceededJobsWithACheckpointCanBeRegistered() throws Exception {
        TestToolContext ctx = TestToolContext.member("org-state", "prj");
        String running = job(ctx, null, JobStatus.RUNNING, null);
        assertThatThrownBy(() -> register.call(ctx, new ModelRegisterTool.Input("m", running, null, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.error().pointer()).isEqualTo("/job_id");
                    assertThat(e.getMessage()).contains("running").contains("training_wait");
                });
        String failed = job(ctx, null, JobStatus.FAILED, null);
        assertThatThrownBy(() -> register.call(ctx, new ModelRegisterTool.Input("m", failed, null, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).contains("failed").doesNotContain("training_wait");
                });
        String noCheckpoint = job(ctx, null, JobStatus.SUCCEEDED, null);
        assertThatThrownBy(() -> register.call(ctx, new ModelRegisterTool.Input("m", noCheckpoint, null, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.getMessage()).contains("checkpoint"));
        // nothing was created by the refused calls
        assertThatThrownBy(() -> get.call(ctx, new ModelGetTool.Input("m")))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void jobIdAndUriAreExclusiveWithPointers() {
        TestToolContext ctx = TestToolContext.member("org-args", "prj");
        assertThatThrownBy(() -> register.call(ctx, new ModelRegisterTool.Input("m", null, null, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                    assertThat(e.error().pointer()).isEqualTo("/job_id");
                });
        assertThatThrownBy(() -> register.call(ctx,
                new ModelRegisterTool.Input("m", "train-00000000", "s3://x", null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                    assertThat(e.error().pointer()).isEqualTo("/uri");
                });
        assertThatThrownBy(() -> register.call(ctx,
                new ModelRegisterTool.Input("mdl-0badc0de", null, "s3://x", null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void anotherTenantsModelsAndJobsAreNotFound() throws Exception {
        TestToolContext owner = TestToolContext.member("org-a", "prj");
        String job = job(owner, null, JobStatus.SUCCEEDED, "secret weights");
        ModelService.Registered mine = (ModelService.Registered) register.call(owner,
                new ModelRegisterTool.Input("secret-model", job, null, null, null, null));

        TestToolContext intruder = TestToolContext.member("org-b", "prj");
        for (String ref : List.of(mine.model().modelId(), "secret-model")) {
            assertThatThrownBy(() -> get.call(intruder, new ModelGetTool.Input(ref)))
                    .isInstanceOfSatisfying(ToolException.class, e -> {
                        assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).contains("model_list");
                    });
            assertThatThrownBy(() -> versions.call(intruder, new ModelVersionsTool.Input(ref, null, null)))
                    .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        assertThatThrownBy(() -> register.call(intruder, new ModelRegisterTool.Input("stolen", job, null, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.error().pointer()).isEqualTo("/job_id");
                });
        assertThatThrownBy(() -> register.call(intruder,
                new ModelRegisterTool.Input(mine.model().modelId(), null, "s3://evil", null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
        // the same name in another tenant is another model
        ModelService.Registered theirs = (ModelService.Registered) register.call(intruder,
                new ModelRegisterTool.Input("secret-model", null, "s3://b/model", null, null, null));
        assertThat(theirs.model().modelId()).isNotEqualTo(mine.model().modelId());
        assertThat(theirs.version().version()).isEqualTo("v1");
        ModelListTool.Page listed = (ModelListTool.Page) list.call(intruder, new ModelListTool.Input(null, null));
        assertThat(listed.models()).extracting(ModelView::modelId).containsExactly(theirs.model().modelId());
    }

    @Test
    void concurrentRegistrationsOfANewNameMakeOneModelWithGaplessVersions() throws Exception {
        TestToolContext ctx = TestToolContext.member("org-race", "prj");
        int threads = 8;
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<ModelService.Registered>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            futures.add(executor.submit(() -> {
                start.await();
                return (ModelService.Registered) register.call(ctx,
                        new ModelRegisterTool.Input("raced", null, "s3://m/raced-" + n, null, null, null));
            }));
        }
        start.countDown();
        java.util.Set<String> models = new java.util.HashSet<>();
        java.util.Set<String> numbers = new java.util.HashSet<>();
        int created = 0;
        for (java.util.concurrent.Future<ModelService.Registered> f : futures) {
            ModelService.Registered r = f.get();
            models.add(r.model().modelId());
            numbers.add(r.version().version());
            created += r.createdModel() ? 1 : 0;
        }
        executor.shutdown();
        assertThat(models).hasSize(1);
        assertThat(numbers).containsExactlyInAnyOrder("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8");
        assertThat(created).isEqualTo(1);
        ModelGetTool.Result got = (ModelGetTool.Result) get.call(ctx, new ModelGetTool.Input("raced"));
        assertThat(got.model().latestVersion()).isEqualTo("v8");
    }

    @Test
    void listPagesNewestFirst() {
        TestToolContext ctx = TestToolContext.member("org-list", "prj");
        for (int i = 0; i < 5; i++) {
            register.call(ctx, new ModelRegisterTool.Input("m" + i, null, "s3://m/" + i, null, null, null));
        }
        ModelListTool.Page page1 = (ModelListTool.Page) list.call(ctx, new ModelListTool.Input(3, null));
        assertThat(page1.models()).extracting(ModelView::name).containsExactly("m4", "m3", "m2");
        ModelListTool.Page page2 = (ModelListTool.Page) list.call(ctx, new ModelListTool.Input(3, page1.nextCursor()));
        assertThat(page2.models()).extracting(ModelView::name).containsExactly("m1", "m0");
        assertThat(page2.nextCursor()).isNull();
        assertThat(page2.models().get(0).latestVersion()).isEqualTo("v1");
    }

    @Test
    void directoryCheckpointsHashTheirFilesInPathOrder() throws Exception {
        Path dir = work.resolve("sharded");
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("a.safetensors"), "shard a");
        Files.writeString(dir.resolve("b").resolve("c.safetensors"), "shard c");
        String first = Checksums.sha256(dir, null).orElseThrow();
        assertThat(first).startsWith("sha256:").isEqualTo(Checksums.sha256(dir, null).orElseThrow());
        Files.writeString(dir.resolve("b").resolve("c.safetensors"), "shard C");
        assertThat(Checksums.sha256(dir, null).orElseThrow()).isNotEqualTo(first);
        assertThat(Checksums.sha256(work.resolve("missing"), null)).isEmpty();
        assertThat(Checksums.localPath("s3://bucket/x")).isEmpty();
        assertThat(Checksums.localPath("relative/path")).isEmpty();
        assertThat(Checksums.localPath(dir.toUri().toString())).contains(dir);
    }
}
