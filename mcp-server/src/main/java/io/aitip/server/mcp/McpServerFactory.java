package io.aitip.server.mcp;

import io.aitip.server.mcp.conformance.ConformanceFixtures;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;

/** Builds the MCP server over either transport with the same tools, filter and capabilities. */
public final class McpServerFactory {

    private static final String INSTRUCTIONS = """
            AITIP runs an ML platform: datasets, training jobs on GPUs, experiments, evaluations, \
            inference services, safety simulations and releases. Long work returns a job id: follow it \
            with training_get or training_wait. Tools that stop or delete something answer \
            CONFIRMATION_REQUIRED first: ask the user, then call again with the same arguments and \
            _meta["aitip/confirmation_token"].""";

    private McpServerFactory() {
    }

    public static McpSyncServer streamable(McpStreamableServerTransportProvider transport, InvocationPipeline pipeline,
                                           McpToolBridge bridge, boolean conformance, String version) {
        return configure(McpServer.sync(transport), pipeline, bridge, conformance, version);
    }

    public static McpSyncServer stdio(McpServerTransportProvider transport, InvocationPipeline pipeline,
                                      McpToolBridge bridge, boolean conformance, String version) {
        return configure(McpServer.sync(transport), pipeline, bridge, conformance, version);
    }

    private static McpSyncServer configure(McpServer.SyncSpecification<?> spec, InvocationPipeline pipeline,
                                           McpToolBridge bridge, boolean conformance, String version) {
        spec.serverInfo("aitip", version)
                .instructions(INSTRUCTIONS)
                .requestTimeout(Duration.ofMinutes(11))
                .validateToolInputs(false) // the pipeline validates, with JSON Pointers in the error
                .capabilities(conformance ? ConformanceFixtures.capabilities()
                        : McpSchema.ServerCapabilities.builder().tools(false).resources(true, false).logging().build())
                .tools(pipeline.catalog().all().stream().map(bridge::specification).toList())
                .resourceTemplates(McpJobResources.specification(pipeline, bridge)) // jobs, subscribable
                .addToolFilter(bridge::visible);
        if (conformance) {
            ConformanceFixtures.register(spec);
        }
        return spec.build();
    }
}
