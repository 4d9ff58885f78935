package org.anaiss.outreach.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;

import org.anaiss.outreach.domain.Region;
import org.anaiss.outreach.service.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** The {@link Caller} of the current request, from its verified token. */
@RequestScoped
public class CurrentCaller {

    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final HttpServerRequest request;
    private Caller caller;

    public CurrentCaller(SecurityIdentity identity, JsonWebToken token, HttpServerRequest request) {
        this.identity = identity;
        this.token = token;
        this.request = request;
    }

    public Caller get() {
        if (caller == null) {
            String requestId = request.getHeader("X-Request-Id");
            if (requestId == null || !SAFE_REQUEST_ID.matcher(requestId).matches()) {
                requestId = UUID.randomUUID().toString();
            }
            String username = token.getClaim("preferred_username");
            if (username == null) {
                username = identity.getPrincipal().getName();
            }
            caller = new Caller(username, identity.getRoles(), region(token.getClaim("region")), token.getClaim("azp"),
                    requestId);
        }
        return caller;
    }

    private static Region region(Object claim) {
        if (claim == null) {
            return null;
        }
        try {
            return Region.valueOf(claim.toString());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
