package org.anaiss.platform.problem;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every error as RFC 9457 problem+json, in every service that depends on this module (the mappers are found in
 * this jar's index). Details name fields and expectations, never the values
 * sent (they may be a name or a NIR), and unexpected errors are logged by type, not by message.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return respond(Problem.of(e.status(), e.slug(), e.title(), e.getMessage(), request.path(), requestId(request))
                .withExtensions(e.extensions()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .collect(Collectors.toList());
        return respond(Problem.of(400, "invalid-request", "Invalid request",
                "Some fields are missing or invalid; nothing was changed.", request.path(), requestId(request))
                .withViolations(violations));
    }

    @ServerExceptionMapper
    public Response validation(ValidationException e, HttpServerRequest request) {
        return respond(Problem.of(400, "invalid-request", "Invalid request", "The request is invalid; nothing was changed.",
                request.path(), requestId(request)));
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        String detail = "The body is not valid JSON for this operation; nothing was changed.";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return respond(Problem.of(400, "invalid-json", "Invalid JSON", detail, request.path(), requestId(request))
                    .withViolations(List.of(new Problem.Violation(field.replace(".[", "["), "has the wrong type or an unknown value"))));
        }
        return respond(Problem.of(400, "invalid-json", "Invalid JSON", detail, request.path(), requestId(request)));
    }

    /** More specific than the JSON mapper above, so the built-in ones of Quarkus (plain JSON) never answer. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return json(e, request);
    }

    @ServerExceptionMapper(priority = 1)
    public Response parse(JsonParseException e, HttpServerRequest request) {
        return json(e, request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "Your role does not allow this operation.",
                request.path(), requestId(request)));
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, HttpServerRequest request) {
        return concurrentChange(request);
    }

    @ServerExceptionMapper
    public Response staleState(StaleStateException e, HttpServerRequest request) {
        return concurrentChange(request);
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, HttpServerRequest request) {
        return respond(Problem.of(400, "invalid-parameter", "Invalid parameter", e.getMessage(), request.path(), requestId(request)));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, request);
        }
        if (status >= 500) {
            return unexpected(e, request);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Request refused"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "This resource cannot answer in the media type asked for.";
            case 413 -> "The body is too large.";
            case 415 -> "This media type is not accepted here.";
            default -> "The request was refused; nothing was changed.";
        };
        Response.ResponseBuilder builder = Response.fromResponse(respond(Problem.of(status,
                title.toLowerCase().replace(' ', '-'), title, detail, request.path(), requestId(request))));
        return builder.build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (SqlStates.find(e, "22001", "22003", "22008", "22021", "22P05") != null) {
            // the database cannot store a value the client sent (a NUL character in a text, a date or number
            // beyond its range, a text too long): the request's fault, refused as such; the transaction rolled back
            return respond(Problem.of(400, "invalid-request", "Invalid request",
                    "A value cannot be stored (a character such as U+0000, or a date or number out of range); nothing was changed.",
                    request.path(), requestId(request)));
        }
        if (SqlStates.find(e, "23503", "23505") != null) {
            // a row referred to went away meanwhile (a case erased while a contact was added to it), or a concurrent
            // request stored the same unique value first (two registrations of one person): retry after a reload
            return concurrentChange(request);
        }
        // The message of a database or library error may quote the data: log the types and SQL state only.
        LOG.errorf("unexpected %s on request %s", describe(e), requestId(request));
        return respond(Problem.of(500, "internal-error", "Internal error",
                "The request could not be completed; it may be retried.", request.path(), requestId(request)));
    }

    /** The cause chain by class names, with SQL states: enough to diagnose, nothing of the data. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 1000; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(sb.length() == 0 ? "" : " <- ").append(t.getClass().getName());
            if (t instanceof java.sql.SQLException sql) {
                sb.append(" [SQLState ").append(sql.getSQLState()).append(']');
            } else if (t instanceof io.vertx.pgclient.PgException pg) {
                sb.append(" [SQLState ").append(pg.getSqlState()).append(']');
            }
            StackTraceElement[] frames = t.getStackTrace();
            for (StackTraceElement f : frames) {
                if (f.getClassName().startsWith("org.anaiss.")) {
                    sb.append(" at ").append(f.getClassName()).append('.').append(f.getMethodName()).append(':').append(f.getLineNumber());
                    break;
                }
            }
        }
        return sb.toString();
    }

    private Response concurrentChange(HttpServerRequest request) {
        return respond(Problem.of(409, "concurrent-change", "Changed meanwhile",
                "The record was changed by someone else meanwhile; reload it and try again.", request.path(),
                requestId(request)));
    }

    private Response unauthorized(HttpServerRequest request) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer realm=\"anaiss\"")
                .entity(Problem.of(401, "unauthenticated", "Authentication required",
                        "This API needs a valid bearer token issued by the ANAISS Keycloak realm.", request.path(),
                        requestId(request)))
                .build();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // "create.request.lastName" -> "lastName": the method and parameter names mean nothing to callers
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String requestId(HttpServerRequest request) {
        String id = request.getHeader("X-Request-Id");
        return id != null && id.matches("[A-Za-z0-9._-]{8,64}") ? id : null;
    }

}
