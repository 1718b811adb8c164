package io.aitip.tools.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.model.Confirmation;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.samples.Samples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

class ToolRulesTest {

    record In(@Param(value = "Job id.", required = true) String jobId, @Param(value = "Count.", max = 5) Integer count) {
    }

    private static Tool<In> tool(ToolSpec spec) {
        return new Tool<>() {
            @Override
            public ToolSpec spec() {
                return spec;
            }

            @Override
            public Class<In> inputType() {
                return In.class;
            }

            @Override
            public Object call(ToolContext context, In input) {
                return null;
            }
        };
    }

    @Test
    void referenceToolsPass() {
        assertThat(ToolRules.check(Samples.catalog())).isEmpty();
    }

    @Test
    void badToolBreaksEveryRule() {
        ToolSpec bad = ToolSpec.builder("Frobnicate.It").toolset("training").description("Too short.")
                .destructive().confirmation(Confirmation.NONE).permission("training")
                .example("en", "frob", Map.of("count", 9))
                .build();
        List<String> violations = ToolRules.check(new ToolCatalog(List.of(tool(bad))));
        assertThat(violations).allMatch(v -> v.startsWith("Frobnicate.It: "));
        assertThat(String.join("\n", violations))
                .contains("name must match")
                .contains("known domain")
                .contains("description must be 40..1024")
                .contains("title is missing")
                .contains("permission 'training' must match")
                .contains("confirmation ALWAYS or an approval rule")
                .contains("'en' examples, has 1")
                .contains("'zh' examples, has 0")
                .contains("/job_id required")
                .contains("/count")
                .contains("OpenAI strict rendering: /function/name");
    }

    @Test
    void readOnlyToolNeedsReadPermission() {
        ToolSpec spec = ToolSpec.builder("training_peek").toolset("training").title("Peek")
                .description("Shows one training job with its status, for tests of the tool rules.")
                .readOnly().permission("training:write")
                .example("en", "peek train-1", Map.of("job_id", "train-1"))
                .example("en", "peek train-2", Map.of("job_id", "train-2"))
                .example("zh", "查看 train-1", Map.of("job_id", "train-1"))
                .example("zh", "查看 train-2", Map.of("job_id", "train-2", "count", "2"))
                .build();
        assertThat(ToolRules.check(new ToolCatalog(List.of(tool(spec)))))
                .anyMatch(v -> v.contains("read-only tool needs a ':read'"))
                .anyMatch(v -> v.contains("查看 train-2") && v.contains("/count"))
                .hasSize(2);
    }

    @Test
    void destructiveToolWithApprovalRuleNeedsNoConfirmation() {
        ToolSpec spec = ToolSpec.builder("release_undo").toolset("releases").title("Undo")
                .description("Rolls a release back to its previous stage; an approver must agree first.")
                .destructive().confirmation(Confirmation.NONE).approvalRule("release.rollback").permission("releases:admin")
                .example("en", "undo it", Map.of("job_id", "rel-1"))
                .example("en", "undo that", Map.of("job_id", "rel-2"))
                .example("zh", "回滚", Map.of("job_id", "rel-1"))
                .example("zh", "回滚它", Map.of("job_id", "rel-2"))
                .build();
        assertThat(ToolRules.check(new ToolCatalog(List.of(tool(spec))))).isEmpty();
    }

    @Test
    void dynamicTestsFailPerTool() throws Throwable {
        List<DynamicTest> tests = ToolRules.dynamicTests(Samples.catalog()).toList();
        assertThat(tests).extracting(DynamicTest::getDisplayName)
                .containsExactly("resources_sample_gpus", "training_sample_stop");
        for (DynamicTest test : tests) {
            test.getExecutable().execute();
        }
        ToolSpec bad = ToolSpec.builder("training_bad").toolset("training").write().permission("training:write").build();
        DynamicTest failing = ToolRules.dynamicTests(new ToolCatalog(List.of(tool(bad)))).findFirst().orElseThrow();
        assertThatThrownBy(() -> failing.getExecutable().execute()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("training_bad breaks the tool rules").hasMessageContaining("title is missing");
    }
}
