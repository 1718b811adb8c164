package io.aitip.server.rest;

import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.security.Principal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/approvals}: thin routes onto approvals_list and approvals_decide. */
@RestController
@RequestMapping("/api/v1/approvals")
public class ApprovalRoutes {

    private final ToolRoutes tools;

    public ApprovalRoutes(ToolRoutes tools) {
        this.tools = tools;
    }

    @GetMapping
    public ResponseEntity<JsonNode> list(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                         @RequestParam(required = false) String status,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("status", status);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "approvals_list", ToolRoutes.params(query));
    }

    /** Body {@code {"decision": "approve|reject", "comment"?: "..."}}. */
    @PostMapping("/{id}/decide")
    public ResponseEntity<JsonNode> decide(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                           @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                           @PathVariable String id, @RequestBody JsonNode body) {
        return tools.call(principal, trace, "approvals_decide", ToolRoutes.params(body, Map.of("approval_id", id)));
    }
}
