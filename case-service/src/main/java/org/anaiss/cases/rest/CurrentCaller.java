package org.anaiss.cases.rest;

import jakarta.enterprise.context.RequestScoped;

import org.anaiss.cases.domain.Region;
import org.anaiss.cases.service.Caller;
import org.anaiss.platform.caller.CallerClaims;
import org.anaiss.platform.caller.RequestCaller;

/** The {@link Caller} of the current request, from the claims of its verified token (platform/caller). */
@RequestScoped
public class CurrentCaller {

    private final RequestCaller request;

    public CurrentCaller(RequestCaller request) {
        this.request = request;
    }

    public Caller get() {
        CallerClaims c = request.claims();
        return new Caller(c.username(), c.displayName(), c.roles(), c.region(Region.class), c.team(), c.requestId(),
                c.traceparent());
    }
}
