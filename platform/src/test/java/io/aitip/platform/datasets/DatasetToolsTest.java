package io.aitip.platform.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class DatasetToolsTest {

    static TestDatabase db;
    static HikariDataSource pool;
    static JdbcTemplate jdbc;
    static DatasetService service;
    static DatasetRegisterTool register;
    static DatasetListTool list;
    static DatasetGetTool get;
    static DatasetSearchTool search;
    static DatasetVersionTool version;
    static DatasetLineageTool lineage;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        jdbc = new JdbcTemplate(pool);
        DatasetStore store = new DatasetStore(jdbc);
        service = new DatasetService(store);
        register = new DatasetRegisterTool(service);
        list = new DatasetListTool(store);
        get = new DatasetGetTool(service);
        search = new DatasetSearchTool(store);
        version = new DatasetVersionTool(service);
        lineage = new DatasetLineageTool(service);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
        db.close();
    }

    @Test
    void registerCreatesV1AndDuplicateNameIsAConflict() {
        TestToolContext ctx = TestToolContext.member("org-reg", "prj-a");
        Dataset created = (Dataset) register.call(ctx, new DatasetRegisterTool.Input("cats", "s3://b/cats", "parquet",
                "cat pictures", List.of("vision")));
        assertThat(created.id()).matches("ds-[0-9a-f]{8}");
        assertThat(created.latestVersion()).isEqualTo("v1");
        assertThat(created.tags()).containsExactly("vision");

        assertThatThrownBy(() -> register.call(ctx, new DatasetRegisterTool.Input("cats", "s3://other", null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).contains("dataset_version");
                });
        // the same name is free in another project
        Dataset other = (Dataset) register.call(TestToolContext.member("org-reg", "prj-b"),
                new DatasetRegisterTool.Input("cats", "s3://b/cats", null, null, null));
        assertThat(other.id()).isNotEqualTo(created.id());
    }

    @Test
    void versionsChainAndLineageShowsTrainingJobs() {
        TestToolContext ctx = TestToolContext.member("org-ver", "prj");
        Dataset ds = (Dataset) register.call(ctx, new DatasetRegisterTool.Input("tickets", "gs://t/1", "jsonl", null, null));
        DatasetVersion v2 = (DatasetVersion) version.call(ctx, new DatasetVersionTool.Input("tickets", "gs://t/2", "dedup"));
        DatasetVersion v3 = (DatasetVersion) version.call(ctx, new DatasetVersionTool.Input(ds.id(), "gs://t/3", null));
        assertThat(v2.version()).isEqualTo("v2");
        assertThat(v2.parentVersion()).isEqualTo("v1");
        assertThat(v3.version()).isEqualTo("v3");
        assertThat(v3.parentVersion()).isEqualTo("v2");

        DatasetGetTool.Result got = (DatasetGetTool.Result) get.call(ctx, new DatasetGetTool.Input("tickets"));
        assertThat(got.dataset().latestVersion()).isEqualTo("v3");
        assertThat(got.dataset().uri()).isEqualTo("gs://t/3");
        assertThat(got.versions()).extracting(DatasetVersion::version).containsExactly("v1", "v2", "v3");

        jdbc.update("INSERT INTO training_jobs (id, org_id, project_id, owner_id, name, model, dataset_id, dataset_version, status) "
                + "VALUES ('train-00000001', 'org-ver', 'prj', 'u', 'ft', 'llama', ?, 'v2', 'succeeded')", ds.id());
        DatasetLineageTool.Result result = (DatasetLineageTool.Result) lineage.call(ctx, new DatasetLineageTool.Input("tickets"));
        assertThat(result.versions()).extracting(DatasetLineageTool.Link::parentVersion).containsExactly(null, "v1", "v2");
        assertThat(result.trainingJobs()).singleElement().satisfies(use -> {
            assertThat(use.jobId()).isEqualTo("train-00000001");
            assertThat(use.datasetVersion()).isEqualTo("v2");
        });
        assertThat(Json.tree(result).path("training_jobs").get(0).path("job_id").asString()).isEqualTo("train-00000001");
    }

    @Test
    void listPagesWithCursorWithoutGapsOrRepeats() {
        TestToolContext ctx = TestToolContext.member("org-page", "prj");
        for (int i = 0; i < 7; i++) {
            register.call(ctx, new DatasetRegisterTool.Input("ds" + i, "s3://x/" + i, null, null, null));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            DatasetListTool.Page page = (DatasetListTool.Page) list.call(ctx, new DatasetListTool.Input(null, 3, cursor));
            page.datasets().forEach(d -> assertThat(seen.add(d.id())).isTrue());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(7);
        assertThat(pages).isEqualTo(3);

        assertThatThrownBy(() -> list.call(ctx, new DatasetListTool.Input(null, 3, "garbage!")))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().pointer()).isEqualTo("/cursor"));
        DatasetListTool.Page archived = (DatasetListTool.Page) list.call(ctx,
                new DatasetListTool.Input(DatasetStatus.ARCHIVED, null, null));
        assertThat(archived.datasets()).isEmpty();
    }

    @Test
    void anotherTenantsIdIsNotFound() {
        Dataset mine = (Dataset) register.call(TestToolContext.member("org-a", "prj"),
                new DatasetRegisterTool.Input("secret", "s3://a/secret", null, "private data", null));
        TestToolContext intruder = TestToolContext.member("org-b", "prj");
        for (String ref : List.of(mine.id(), "secret")) {
            assertThatThrownBy(() -> get.call(intruder, new DatasetGetTool.Input(ref)))
                    .isInstanceOfSatisfying(ToolException.class, e -> {
                        assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).doesNotContain("s3://a");
                    });
        }
        assertThatThrownBy(() -> version.call(intruder, new DatasetVersionTool.Input(mine.id(), "s3://evil", null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> lineage.call(intruder, new DatasetLineageTool.Input(mine.id())))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
        DatasetSearchTool.Result found = (DatasetSearchTool.Result) search.call(intruder,
                new DatasetSearchTool.Input("secret private", null, null));
        assertThat(found.results()).isEmpty();
    }

    @Test
    void searchRanksNameOverTagsOverDescriptionInEnglishAndChinese() {
        TestToolContext ctx = TestToolContext.member("org-search", "prj");
        register.call(ctx, new DatasetRegisterTool.Input("medical-qa", "s3://m", null, "patient questions", List.of("health")));
        register.call(ctx, new DatasetRegisterTool.Input("forum-dump", "s3://f", null, "includes some medical threads", null));
        register.call(ctx, new DatasetRegisterTool.Input("clinic-notes", "s3://c", null, null, List.of("medical")));
        register.call(ctx, new DatasetRegisterTool.Input("街景图片", "s3://s", null, "城市街景图像分类数据", List.of("视觉")));
        register.call(ctx, new DatasetRegisterTool.Input("cats_100", "s3://k", null, "cute", null));
        register.call(ctx, new DatasetRegisterTool.Input("catsx100", "s3://k2", null, "cute", null));

        DatasetSearchTool.Result en = (DatasetSearchTool.Result) search.call(ctx,
                new DatasetSearchTool.Input("medical datasets", null, null));
        assertThat(en.results()).extracting(h -> h.dataset().name())
                .containsExactly("medical-qa", "clinic-notes", "forum-dump");
        assertThat(en.terms()).containsExactly("medical");

        DatasetSearchTool.Result zh = (DatasetSearchTool.Result) search.call(ctx,
                new DatasetSearchTool.Input("图像分类的数据集", null, null));
        assertThat(zh.results()).extracting(h -> h.dataset().name()).containsExactly("街景图片");

        DatasetSearchTool.Result paged = (DatasetSearchTool.Result) search.call(ctx,
                new DatasetSearchTool.Input("medical", 2, null));
        assertThat(paged.results()).hasSize(2);
        DatasetSearchTool.Result rest = (DatasetSearchTool.Result) search.call(ctx,
                new DatasetSearchTool.Input("medical", 2, paged.nextCursor()));
        assertThat(rest.results()).extracting(h -> h.dataset().name()).containsExactly("forum-dump");
        assertThat(rest.nextCursor()).isNull();

        // LIKE wildcards in the query are literal
        DatasetSearchTool.Result wildcard = (DatasetSearchTool.Result) search.call(ctx,
                new DatasetSearchTool.Input("cats_100", null, null));
        assertThat(wildcard.results()).extracting(h -> h.dataset().name()).containsExactly("cats_100");
    }
}
