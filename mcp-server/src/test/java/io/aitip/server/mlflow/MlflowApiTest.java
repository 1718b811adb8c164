package io.aitip.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import tools.jackson.databind.JsonNode;

/**
 * The MLflow-compatible API driven by the unmodified MLflow Java client (org.mlflow:mlflow-client
 * 2.17.2) against the real server: what it logs lands in AITIP experiments, runs and metric series.
 */
class MlflowApiTest {

    private static TestServer server;
    private static MlflowClient mlflow;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        mlflow = client(TestServer.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        mlflow.close();
        server.close();
    }

    static MlflowClient client(String token) {
        return new MlflowClient(new BasicMlflowHostCreds(server.baseUrl(), token));
    }

    static Service.Metric point(String key, double value, long step) {
        return Service.Metric.newBuilder().setKey(key).setValue(value).setTimestamp(1_700_000_000_000L + step)
                .setStep(step).build();
    }

    @Test
    void aClientLogsARunThatAitipSeesAsAnExperimentRun() {
        String experimentId = mlflow.createExperiment("mlflow-lr");
        assertThat(experimentId).startsWith("exp-");
        assertThat(mlflow.getExperimentByName("mlflow-lr")).get().extracting(Service.Experiment::getExperimentId)
                .isEqualTo(experimentId);
        assertThat(mlflow.getExperimentByName("no-such-experiment")).isEmpty();

        List<String> runIds = new ArrayList<>();
        for (double lr : new double[] {0.1, 0.01}) {
            Service.RunInfo info = mlflow.createRun(Service.CreateRun.newBuilder().setExperimentId(experimentId)
                    .setRunName("lr-" + lr).build());
            assertThat(info.getRunId()).startsWith("train-");
            assertThat(info.getStatus()).isEqualTo(Service.RunStatus.RUNNING);
            mlflow.logParam(info.getRunId(), "learning_rate", Double.toString(lr));
            mlflow.logParam(info.getRunId(), "optimizer", "adam");
            mlflow.setTag(info.getRunId(), "team", "vision");
            for (int step = 1; step <= 20; step++) {
                mlflow.logMetric(info.getRunId(), "loss", lr * 10 / step, 1_700_000_000_000L + step, step);
            }
            mlflow.setTerminated(info.getRunId(), Service.RunStatus.FINISHED);
            runIds.add(info.getRunId());
        }

        Service.Run run = mlflow.getRun(runIds.get(1));
        assertThat(run.getInfo().getStatus()).isEqualTo(Service.RunStatus.FINISHED);
        assertThat(run.getInfo().getRunName()).isEqualTo("lr-0.01");
        assertThat(run.getData().getMetricsList()).singleElement().satisfies(m -> {
            assertThat(m.getKey()).isEqualTo("loss");
            assertThat(m.getStep()).isEqualTo(20);
            assertThat(m.getValue()).isEqualTo(0.1 / 20);
        });
        assertThat(run.getData().getParamsList()).extracting(Service.Param::getKey).contains("learning_rate", "optimizer");
        assertThat(run.getData().getTagsList()).extracting(Service.RunTag::getValue).contains("vision");
        assertThat(mlflow.getMetricHistory(runIds.get(0), "loss")).hasSize(20);

        List<Service.RunInfo> found = mlflow.searchRuns(List.of(experimentId), "metrics.loss < 0.01");
        assertThat(found).extracting(Service.RunInfo::getRunId).containsExactly(runIds.get(1));
        assertThat(mlflow.searchRuns(List.of(experimentId), "params.optimizer = 'adam' and attributes.status = 'FINISHED'"))
                .hasSize(2);
        assertThat(mlflow.searchRuns(List.of(experimentId), "params.learning_rate = '0.1'")).extracting(
                Service.RunInfo::getRunId).containsExactly(runIds.get(0));

        // the same runs through AITIP's own tools: the run is a training job, params became its config
        JsonNode job = server.get("/api/v1/training/jobs/" + runIds.get(1), TestServer.ADMIN_TOKEN);
        assertThat(job.path("status").asString()).isEqualTo("succeeded");
        assertThat(job.path("config").path("learning_rate").asDouble()).isEqualTo(0.01);
        assertThat(job.path("experiment_id").asString()).isEqualTo(experimentId);
        JsonNode compared = server.post("/api/v1/agent/execute", TestServer.ADMIN_TOKEN, Map.of("tool", "experiment_compare",
                "params", Map.of("runs", runIds, "metric", "loss")));
        assertThat(compared.path("result").path("leaders").path("loss").path("job_id").asString()).isEqualTo(runIds.get(1));
    }

    @Test
    void aHundredThousandPointsGoInByBatchAndComeBackPaged() {
        String experimentId = mlflow.createExperiment("mlflow-long");
        String runId = mlflow.createRun(experimentId).getRunId();
        for (int batch = 0; batch < 100; batch++) {
            List<Service.Metric> metrics = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                long step = batch * 1000L + i;
                metrics.add(point("loss", 1.0 / (step + 1), step));
            }
            mlflow.logBatch(runId, metrics, List.of(), List.of());
        }
        // the client's own getMetricHistory cannot follow a next_page_token (2.17.2 adds to an unmodifiable
        // list), so the pages are read with its raw GET, as max_results and page_token
        List<Long> steps = new ArrayList<>();
        String token = "";
        do {
            JsonNode page = io.aitip.tools.json.Json.MAPPER.readTree(mlflow.sendGet("metrics/get-history?run_id=" + runId
                    + "&metric_key=loss&max_results=30000" + (token.isEmpty() ? "" : "&page_token=" + token)));
            page.path("metrics").forEach(m -> steps.add(m.path("step").asLong()));
            token = page.path("next_page_token").asString("");
        } while (!token.isEmpty());
        assertThat(steps).hasSize(100_000);
        assertThat(steps.get(99_999)).isEqualTo(99_999);
        assertThat(steps).isSorted();
        assertThat(mlflow.getRun(runId).getData().getMetrics(0).getStep()).isEqualTo(99_999);
        JsonNode metrics = server.get("/api/v1/training/jobs/" + runId + "/metrics", TestServer.ADMIN_TOKEN);
        assertThat(metrics.path("series").path("loss").path("count").asLong()).isEqualTo(100_000);
    }

    @Test
    void badCallsGetMlflowErrorsAndChangeNothing() {
        String experimentId = mlflow.createExperiment("mlflow-errors");
        String runId = mlflow.createRun(experimentId).getRunId();
        mlflow.logParam(runId, "seed", "1");
        assertThatThrownBy(() -> mlflow.logParam(runId, "seed", "2")).isInstanceOfSatisfying(MlflowHttpException.class,
                e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE").contains("immutable");
                });
        assertThatThrownBy(() -> mlflow.createExperiment("mlflow-errors")).isInstanceOfSatisfying(MlflowHttpException.class,
                e -> assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS"));
        assertThatThrownBy(() -> mlflow.getRun("train-00000000")).isInstanceOfSatisfying(MlflowHttpException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> mlflow.searchRuns(List.of(experimentId), "metrics.loss ~ 3"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));

        try (MlflowClient anonymous = client("not-a-key")) {
            assertThatThrownBy(() -> anonymous.getRun(runId)).isInstanceOfSatisfying(MlflowHttpException.class,
                    e -> assertThat(e.getStatusCode()).isEqualTo(401));
        }
        try (MlflowClient viewer = client(server.keyForNewMember("mlflow-viewer", "viewer"))) {
            assertThat(viewer.getRun(runId).getInfo().getRunId()).as("viewers read").isEqualTo(runId);
            assertThatThrownBy(() -> viewer.logMetric(runId, "loss", 1.0)).isInstanceOfSatisfying(MlflowHttpException.class,
                    e -> assertThat(e.getStatusCode()).isEqualTo(403));
        }
        try (MlflowClient stranger = client(server.keyForNewTenant("mlflow-stranger"))) {
            assertThatThrownBy(() -> stranger.getRun(runId)).isInstanceOfSatisfying(MlflowHttpException.class,
                    e -> assertThat(e.getStatusCode()).as("another tenant's run does not exist for them").isEqualTo(404));
        }
        assertThat(mlflow.getMetricHistory(runId, "loss")).as("the viewer's refused point was not stored").isEmpty();
    }
}
