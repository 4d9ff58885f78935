package org.anaiss.platform.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A query parameter whose value cannot be read as its declared type: a 400 naming the parameter and what it
 * expects, never the value sent. A {@code WebApplicationException}, so JAX-RS passes it on as it is (any other
 * exception from a parameter's conversion becomes a 404, which would say the resource does not exist).
 */
public class InvalidParameterException extends BadRequestException {

    public InvalidParameterException(String detail) {
        super(detail);
    }
}
