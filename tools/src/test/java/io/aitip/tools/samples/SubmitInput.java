package io.aitip.tools.samples;

import io.aitip.tools.model.Param;
import java.util.List;
import java.util.Set;

/** A training-submit-like input with every shape the schema generator supports. */
public record SubmitInput(
        @Param(value = "Job name.", required = true, minLength = 1, maxLength = 64) String name,
        @Param(value = "Base model id or name.", required = true) String model,
        @Param("GPU resources.") Resources resources,
        @Param(value = "Free-form tags.", maxItems = 10) List<String> tags,
        @Param("Distinct labels.") Set<String> labels,
        @Param(value = "Scheduling priority.", min = 0, max = 10) Integer priority,
        @Param(value = "Learning rate.", min = 0.0, max = 0.5) Double learningRate,
        @Param("Stages to run.") List<Stage> stages) {

    public record Resources(
            @Param(value = "GPU type.", required = true) GpuType gpuType,
            @Param(value = "GPUs per node.", min = 1, max = 8) Integer gpuCount) {
    }

    public record Stage(@Param(value = "Stage name.", required = true) String name,
                        @Param("Optional GPU override.") GpuType gpuType) {
    }
}
