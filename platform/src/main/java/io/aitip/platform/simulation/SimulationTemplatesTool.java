package io.aitip.platform.simulation;

import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The scenario templates: what each attacks, with which prompts, judged by which detectors. */
@Component
public class SimulationTemplatesTool implements Tool<SimulationTemplatesTool.Input> {

    /** Without a scenario, each template shows this many prompts per language. */
    static final int PREVIEW = 2;

    public record Input(
            @Param(value = "Show this scenario's whole prompt library (prompt_injection, jailbreak, pii_leak, toxicity, "
                    + "adversarial); all scenarios with a preview when omitted.", maxLength = 50) String scenario) {
    }

    public record Template(String id, Map<String, String> title, String description, List<String> detectors,
                           String recommendation, int attacks, Map<String, Long> byLanguage, List<Scenario.Attack> prompts,
                           boolean preview) {
    }

    public record Result(List<Template> templates, int count) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("simulation_templates")
            .toolset("simulation")
            .title("Simulation templates")
            .description("Lists the safety-simulation scenario templates (prompt_injection, jailbreak, pii_leak, "
                    + "toxicity, adversarial): what each attacks, its detectors (canary secret in the system prompt, "
                    + "harmful compliance, PII patterns, toxicity lexicon; refusals always count as safe), how many "
                    + "English and Chinese attack prompts it has, and a preview of them (the whole library when a "
                    + "scenario is named). Then call simulation_run with a target.")
            .readOnly()
            .permission("simulation:read")
            .example("en", "What safety test scenarios are there?", Map.of())
            .example("en", "Show me all the jailbreak prompts", Map.of("scenario", "jailbreak"))
            .example("zh", "有哪些安全仿真场景？", Map.of())
            .example("zh", "列出提示注入场景的全部攻击样本", Map.of("scenario", "prompt_injection"))
            .build();

    private final ScenarioLibrary library;

    public SimulationTemplatesTool(ScenarioLibrary library) {
        this.library = library;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Object call(ToolContext context, Input input) {
        boolean one = input.scenario() != null && !input.scenario().isBlank();
        List<Scenario> scenarios = one ? List.of(library.require(input.scenario())) : library.all();
        List<Template> templates = scenarios.stream().map(s -> new Template(s.id(), s.title(), s.description(),
                s.detectors(), s.recommendation(), s.attacks().size(), byLanguage(s),
                one ? s.attacks() : preview(s), !one)).toList();
        return new Result(templates, templates.size());
    }

    private static Map<String, Long> byLanguage(Scenario s) {
        return new java.util.TreeMap<>(s.attacks().stream().collect(java.util.stream.Collectors.groupingBy(
                Scenario.Attack::language, java.util.stream.Collectors.counting())));
    }

    private static List<Scenario.Attack> preview(Scenario s) {
        List<Scenario.Attack> en = s.attacks().stream().filter(a -> a.language().equals("en")).limit(PREVIEW).toList();
        List<Scenario.Attack> zh = s.attacks().stream().filter(a -> a.language().equals("zh")).limit(PREVIEW).toList();
        return java.util.stream.Stream.concat(en.stream(), zh.stream()).toList();
    }
}
