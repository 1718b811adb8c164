package io.aitip.server.mcp;

import io.aitip.policy.auth.Authenticator;
import io.aitip.server.config.AitipProperties;
import io.aitip.server.web.AuthFilter;
import io.aitip.server.web.HostOriginGuard;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** MCP Streamable HTTP at {@code /mcp}, behind the authentication and gateway filters. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class McpHttpConfig {

    @Bean
    public McpJsonMapper mcpJsonMapper() {
        return McpJsonDefaults.getMapper();
    }

    @Bean
    public HostOriginGuard hostOriginGuard(AitipProperties properties) {
        return new HostOriginGuard(properties.allowedHosts());
    }

    @Bean
    public HttpServletStreamableServerTransportProvider mcpTransport(McpJsonMapper mapper, AitipProperties properties) {
        return HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper)
                .mcpEndpoint("/mcp")
                .contextExtractor(McpTransportContexts::extract)
                .maxRequestSize(properties.maxBodyBytes())
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
    }

    @Bean
    public McpToolBridge mcpToolBridge(InvocationPipeline pipeline, McpSessionRegistry sessions, McpJsonMapper mapper) {
        // over HTTP every request carries its principal; there is no fallback
        return new McpToolBridge(pipeline, sessions, mapper, () -> {
            throw new IllegalStateException("MCP request without an authenticated principal");
        });
    }

    @Bean(destroyMethod = "closeGracefully")
    public McpSyncServer mcpServer(HttpServletStreamableServerTransportProvider transport, InvocationPipeline pipeline,
                                   McpToolBridge bridge, AitipProperties properties) {
        return McpServerFactory.streamable(transport, pipeline, bridge, properties.conformance(), io.aitip.server.config.ServerVersion.get());
    }

    @Bean
    public ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
            HttpServletStreamableServerTransportProvider transport) {
        ServletRegistrationBean<HttpServletStreamableServerTransportProvider> registration =
                new ServletRegistrationBean<>(transport, "/mcp", "/mcp/*");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<AuthFilter> authFilter(Authenticator authenticator, HostOriginGuard guard,
                                                         AitipProperties properties) {
        FilterRegistrationBean<AuthFilter> registration =
                new FilterRegistrationBean<>(new AuthFilter(authenticator, guard, properties.conformance(), properties.maxBodyBytes()));
        registration.addUrlPatterns("/mcp", "/mcp/*", "/api/*", "/agent/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<McpGatewayFilter> mcpGatewayFilter(McpSessionRegistry sessions, AitipProperties properties,
                                                                     InvocationPipeline pipeline) {
        FilterRegistrationBean<McpGatewayFilter> registration = new FilterRegistrationBean<>(new McpGatewayFilter(sessions,
                properties.maxBodyBytes(), (principal, uri) -> McpJobResources.readable(pipeline, principal, uri)));
        registration.addUrlPatterns("/mcp", "/mcp/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setAsyncSupported(true);
        return registration;
    }
}
