package io.aitip.server.mcp;

import io.aitip.policy.auth.Authenticator;
import io.aitip.server.config.AitipProperties;
import io.aitip.server.config.ServerVersion;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.aitip.tools.security.Principal;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code aitip stdio}: the same tools over stdin/stdout for desktop and IDE clients, acting as the
 * principal behind {@code AITIP_TOKEN}. Logs go to stderr; stdout carries only JSON-RPC.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "aitip.mode", havingValue = "stdio")
public class McpStdioServer {

    @Bean(destroyMethod = "closeGracefully")
    public McpSyncServer stdioMcpServer(InvocationPipeline pipeline, McpSessionRegistry sessions,
                                        Authenticator authenticator, AitipProperties properties) {
        if (properties.token() == null || properties.token().isBlank()) {
            throw new IllegalStateException("aitip stdio needs AITIP_TOKEN: the API key the desktop client acts as.");
        }
        Principal principal = authenticator.authenticateToken(properties.token());
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        McpToolBridge bridge = new McpToolBridge(pipeline, sessions, mapper, () -> principal);
        return McpServerFactory.stdio(new StdioServerTransportProvider(mapper), pipeline, bridge,
                properties.conformance(), ServerVersion.get());
    }
}
