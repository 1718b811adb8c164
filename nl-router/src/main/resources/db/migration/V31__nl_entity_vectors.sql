-- Vectors of the tenant's named objects (datasets, models, services) for entity resolution
-- ("my customer service dataset" -> ds-…). With pgvector (production) the vectors live here and
-- PostgreSQL searches them; without it (the embedded default) the router keeps an in-process index
-- and this table stays empty.

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        CREATE EXTENSION IF NOT EXISTS vector;
        CREATE TABLE nl_entity_vectors (
            entity_id   TEXT NOT NULL,
            org_id      TEXT NOT NULL,
            project_id  TEXT NOT NULL,
            kind        TEXT NOT NULL,
            language    TEXT NOT NULL,
            name        TEXT NOT NULL,
            text_hash   TEXT NOT NULL,
            embedding   vector NOT NULL,
            PRIMARY KEY (entity_id, language)
        );
        CREATE INDEX nl_entity_vectors_scope ON nl_entity_vectors (org_id, project_id, kind, language);
        -- one HNSW index per model dimension (English 384, Chinese 512)
        CREATE INDEX nl_entity_vectors_en ON nl_entity_vectors
            USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE language = 'en';
        CREATE INDEX nl_entity_vectors_zh ON nl_entity_vectors
            USING hnsw ((embedding::vector(512)) vector_cosine_ops) WHERE language = 'zh';
    END IF;
END
$$;
