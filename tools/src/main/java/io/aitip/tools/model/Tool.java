package io.aitip.tools.model;

/**
 * One platform capability, served through every door (MCP, OpenAI, REST, natural language).
 *
 * <p>A tool is one class: its typed input record (the source of the JSON Schema), its {@link ToolSpec}
 * and its handler. Handlers never see invalid input: the pipeline validates against the schema and
 * decides policy before {@link #call} runs. See {@code docs/how-to/add-a-tool.md}.
 *
 * @param <I> the input record, annotated with {@link Param}
 */
public interface Tool<I> {

    ToolSpec spec();

    Class<I> inputType();

    /**
     * Runs the tool. Returns a result object (a record or map) that is rendered as JSON with
     * snake_case names. Throws {@link ToolException} for failures the caller can act on.
     */
    Object call(ToolContext context, I input);
}
