package org.anaiss.platform.caller;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;

import org.anaiss.platform.telemetry.TraceContexts;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** The {@link CallerClaims} of the current request, read once from its verified token and headers. */
@RequestScoped
public class RequestCaller {

    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final HttpServerRequest request;
    private CallerClaims claims;

    public RequestCaller(SecurityIdentity identity, JsonWebToken token, HttpServerRequest request) {
        this.identity = identity;
        this.token = token;
        this.request = request;
    }

    public CallerClaims claims() {
        if (claims == null) {
            // a client's request id is kept only when it cannot carry anything else (it reaches logs and problems)
            String requestId = request.getHeader("X-Request-Id");
            if (requestId == null || !SAFE_REQUEST_ID.matcher(requestId).matches()) {
                requestId = UUID.randomUUID().toString();
            }
            String username = token.getClaim("preferred_username");
            if (username == null) {
                username = identity.getPrincipal().getName();
            }
            String name = token.getClaim("name");
            Object region = token.getClaim("region");
            claims = new CallerClaims(username, name == null ? username : name, identity.getRoles(),
                    region == null ? null : region.toString(), token.getClaim("team"), token.getClaim("azp"), requestId,
                    TraceContexts.current(request.getHeader("traceparent")));
        }
        return claims;
    }
}
