package org.anaiss.gateway.edge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Requests the router refuses itself, before any route of ours: a malformed percent-escape in the
 * path (400), a path that dot segments lead out of /api (404), a method no route of that path takes
 * (405). Problem+json like every other answer of the gateway, not Vert.x's HTML or empty body.
 */
@ApplicationScoped
public class RouterProblems {

    void register(@Observes Router router) {
        router.errorHandler(400, rc -> Problems.send(rc, 400, "bad-request", "Bad request", "The request is malformed."));
        router.errorHandler(404, rc -> Problems.send(rc, 404, "not-found", "Not found", "Nothing answers at this path."));
        router.errorHandler(405, rc -> Problems.send(rc, 405, "method-not-allowed", "Method not allowed",
                "This method is not allowed at this path."));
    }
}
