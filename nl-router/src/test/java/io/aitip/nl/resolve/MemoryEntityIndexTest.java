package io.aitip.nl.resolve;

/** The entity-index contract on the embedded default's in-process index. */
class MemoryEntityIndexTest extends EntityIndexContractTest {

    @Override
    EntityIndex index() {
        return new MemoryEntityIndex(new EntitySource(jdbc), embedder);
    }
}
