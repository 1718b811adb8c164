package io.aitip.server.mcp;

import io.aitip.server.web.RequestAttributes;
import io.modelcontextprotocol.common.McpTransportContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies what the filters learned about an HTTP request into the SDK's transport context, which the
 * SDK hands to handlers on whatever thread they run (reactor threads have no servlet thread-locals).
 */
final class McpTransportContexts {

    private McpTransportContexts() {
    }

    static McpTransportContext extract(HttpServletRequest request) {
        Map<String, Object> values = new HashMap<>(4);
        for (String name : new String[] {RequestAttributes.PRINCIPAL, RequestAttributes.RPC_ID,
                RequestAttributes.SESSION_ID, RequestAttributes.TRACE_ID}) {
            Object value = request.getAttribute(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return McpTransportContext.create(values);
    }
}
