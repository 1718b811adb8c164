package io.aitip.executors.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.platform.training.GpuPool;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuInventoryTest {

    @Test
    void parsesNvidiaSmiOutput() {
        String out = """
                0, NVIDIA A100-SXM4-80GB, 81920 MiB
                1, NVIDIA A100-SXM4-80GB, 81920 MiB
                2, Tesla T4, 15360
                3, NVIDIA H100 80GB HBM3, 81559 MiB
                """;
        List<GpuPool.Device> devices = GpuInventory.parseNvidiaSmi(out);
        assertThat(devices).extracting(GpuPool.Device::type).containsExactly("a100", "a100", "t4", "h100");
        assertThat(devices).extracting(GpuPool.Device::index).containsExactly(0, 1, 2, 3);
        assertThat(devices.get(2).memoryMb()).isEqualTo(15360);
        assertThat(devices.get(0).name()).isEqualTo("NVIDIA A100-SXM4-80GB");
        GpuPool pool = new GpuPool(devices);
        assertThat(pool.totals()).containsEntry("a100", 2).containsEntry("t4", 1).containsEntry("h100", 1);
        assertThat(pool.describe()).isEqualTo("a100 ×2, h100 ×1, t4 ×1");
    }

    @Test
    void mapsDeviceNamesToGpuTypes() {
        assertThat(GpuInventory.typeOf("NVIDIA L4")).isEqualTo("l4");
        assertThat(GpuInventory.typeOf("NVIDIA A10G")).isEqualTo("a10g");
        assertThat(GpuInventory.typeOf("NVIDIA H200")).isEqualTo("h200");
        assertThat(GpuInventory.typeOf("NVIDIA H100 NVL")).isEqualTo("h100");
        assertThat(GpuInventory.typeOf("NVIDIA A100-PCIE-40GB")).isEqualTo("a100");
        assertThat(GpuInventory.typeOf("NVIDIA GeForce RTX 4090")).isEqualTo("rtx4090");
        assertThat(GpuInventory.typeOf("NVIDIA L40S")).isEqualTo("l40s");
        assertThat(GpuInventory.typeOf("Tesla V100-SXM2-16GB")).isEqualTo("v100");
    }

    @Test
    void parsesTheConfiguredPretendList() {
        List<GpuPool.Device> devices = GpuInventory.parseSpec(" A100:2, t4 ,h100:0");
        assertThat(devices).extracting(GpuPool.Device::type).containsExactly("a100", "a100", "t4");
        assertThat(devices).extracting(GpuPool.Device::index).containsExactly(0, 1, 2);
        assertThat(GpuInventory.parseSpec(null)).isEmpty();
        assertThat(GpuInventory.parseSpec("")).isEmpty();
        assertThatThrownBy(() -> GpuInventory.parseSpec("v100:2")).hasMessageContaining("unknown GPU type 'v100'");
        assertThatThrownBy(() -> GpuInventory.parseSpec("a100:x")).hasMessageContaining("bad count");
    }

    @Test
    void allocatesAllOrNothingAndReleases() {
        GpuAllocator gpus = new GpuAllocator(GpuInventory.parseSpec("a100:2,t4:1"));
        assertThat(gpus.allocate("a100", 3, "j1")).isEmpty();
        assertThat(gpus.allocate("a100", 1, "j1")).contains(List.of(0));
        assertThat(gpus.allocate("a100", 2, "j2")).isEmpty();
        assertThat(gpus.allocate("a100", 1, "j2")).contains(List.of(1));
        assertThat(gpus.pool().free("a100")).isZero();
        gpus.release("j1");
        assertThat(gpus.pool().free("a100")).isEqualTo(1);
        assertThat(gpus.pool().devices().get(1).jobId()).isEqualTo("j2");
        assertThat(GpuAllocator.format(List.of(0, 3))).isEqualTo("0,3");
        assertThat(GpuAllocator.parse("0, 3")).containsExactly(0, 3);
    }
}
