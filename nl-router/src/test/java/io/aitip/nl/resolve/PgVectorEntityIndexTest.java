package io.aitip.nl.resolve;

import static org.assertj.core.api.Assertions.assertThat;

/** The entity-index contract on pgvector in the machine's PostgreSQL (scripts/provision-pgvector.sh installs it). */
class PgVectorEntityIndexTest extends EntityIndexContractTest {

    @Override
    EntityIndex index() {
        assertThat(PgVectorEntityIndex.available(jdbc)).as("pgvector is installed on the machine's PostgreSQL").isTrue();
        return new PgVectorEntityIndex(jdbc, new EntitySource(jdbc), embedder);
    }
}
