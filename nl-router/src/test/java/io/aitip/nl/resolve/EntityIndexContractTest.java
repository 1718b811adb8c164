package io.aitip.nl.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.nl.embed.Embedder;
import io.aitip.nl.embed.Language;
import io.aitip.nl.embed.OnnxEmbedder;
import io.aitip.platform.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One contract for both entity indexes (pgvector in the machine's PostgreSQL, provisioned by
 * scripts/provision-pgvector.sh; and the in-process one of the embedded default), with the real
 * bundled models: descriptions in either language find the tenant's object, never another tenant's.
 * The variants are {@link MemoryEntityIndexTest} and {@link PgVectorEntityIndexTest} (top-level, so
 * surefire's default includes run them).
 */
abstract class EntityIndexContractTest {

    static TestDatabase database;
    static JdbcTemplate jdbc;
    static Embedder embedder = OnnxEmbedder.shared(Path.of(System.getProperty("java.io.tmpdir"), "aitip-nl-models"));

    abstract EntityIndex index();

    @BeforeAll
    static void seed() {
        database = TestDatabase.create();
        jdbc = new JdbcTemplate(database.dataSource());
        insert("ds-aaaa0001", "org-a", "customer-support", "Customer service chat logs / 客服对话记录");
        insert("ds-aaaa0002", "org-a", "street-view", "City street images / 城市街景图片");
        insert("ds-bbbb0001", "org-b", "customer-care", "Customer service chat logs of another tenant");
    }

    private static void insert(String id, String org, String name, String description) {
        jdbc.update("INSERT INTO datasets (id, org_id, project_id, owner_id, name, description, uri) VALUES (?,?,?,?,?,?,?)",
                id, org, org + "/default", "u", name, description, "s3://x/" + name);
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    private EntityResolver.Outcome resolve(String org, Language language, String phrase) {
        return new EntityResolver(index(), embedder).resolve(org, org + "/default", "dataset", language, phrase);
    }

    @Test
    void descriptionsInBothLanguagesFindTheTenantsObject() {
        assertThat(resolve("org-a", Language.EN, "customer service")).isInstanceOfSatisfying(EntityResolver.Resolved.class,
                r -> assertThat(r.match().id()).isEqualTo("ds-aaaa0001"));
        assertThat(resolve("org-a", Language.ZH, "客服")).isInstanceOfSatisfying(EntityResolver.Resolved.class,
                r -> assertThat(r.match().id()).isEqualTo("ds-aaaa0001"));
        assertThat(resolve("org-a", Language.ZH, "街景")).isInstanceOfSatisfying(EntityResolver.Resolved.class,
                r -> assertThat(r.match().id()).isEqualTo("ds-aaaa0002"));
    }

    @Test
    void anotherTenantsObjectsAreNeverCandidates() {
        List<Match> nearest = index().nearest("org-b", "org-b/default", "dataset", Language.EN,
                embedder.embed(Language.EN, "customer service"), 5);
        assertThat(nearest).extracting(Match::id).containsExactly("ds-bbbb0001");
    }
}
