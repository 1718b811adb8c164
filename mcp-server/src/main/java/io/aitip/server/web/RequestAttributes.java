package io.aitip.server.web;

/** Names of the request attributes the filters hand to the doors. */
public final class RequestAttributes {

    public static final String PRINCIPAL = "aitip.principal";
    public static final String RPC_ID = "aitip.rpcId";
    public static final String SESSION_ID = "aitip.sessionId";
    public static final String TRACE_ID = "aitip.traceId";

    private RequestAttributes() {
    }
}
