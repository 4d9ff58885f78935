package org.anaiss.gateway.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.edge.Problems;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;

/** An invalid or expired token, rejected by the proactive authentication, answered as problem+json. */
@ApplicationScoped
public class AuthenticationFailures {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (rc.failure() instanceof AuthenticationFailedException) {
                Problems.send(rc, 401, "invalid-token", "Invalid token", "The bearer token is invalid or has expired.");
            } else {
                rc.next();
            }
        });
    }
}
