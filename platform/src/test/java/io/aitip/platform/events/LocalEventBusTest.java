package io.aitip.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalEventBusTest extends EventBusContract {

    @Override
    EventBus newBus() {
        return new LocalEventBus();
    }

    @Test
    void isAlwaysUp() {
        try (LocalEventBus bus = new LocalEventBus()) {
            assertThat(bus.health()).isEqualTo(new EventBus.BusHealth("local", true, null));
        }
    }
}
