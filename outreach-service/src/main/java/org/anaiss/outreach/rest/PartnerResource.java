package org.anaiss.outreach.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.rest.api.Page;
import org.anaiss.outreach.rest.api.SignalBatchRequest;
import org.anaiss.outreach.rest.api.SignalBatchResult;
import org.anaiss.outreach.rest.api.SignalReceipt;
import org.anaiss.outreach.rest.api.SignalRequest;
import org.anaiss.outreach.service.SignalInput;
import org.anaiss.outreach.service.SignalService;
import org.anaiss.platform.problem.Params;
import org.anaiss.platform.problem.ProblemException;
import org.anaiss.platform.caller.RequestCaller;
import org.anaiss.outreach.service.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The API other health-insurance systems call (client credentials, role signal-sender). */
@Path("/api/partners")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partners", description = "For partner systems of other health-insurance schemes (client credentials, role signal-sender)")
public class PartnerResource {

    /** Who the partner system is, as this service sees its token: for checking an integration. */
    public record PartnerIdentity(String clientId, List<String> roles) {
    }

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");
    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final SignalService signals;
    private final ObjectMapper json;
    private final Validator validator;
    private final OutreachConfig config;
    private final RequestCaller caller;

    public PartnerResource(JsonWebToken token, SecurityIdentity identity, SignalService signals, ObjectMapper json,
            Validator validator, OutreachConfig config, RequestCaller caller) {
        this.caller = caller;
        this.token = token;
        this.identity = identity;
        this.signals = signals;
        this.json = json;
        this.validator = validator;
        this.config = config;
    }

    @GET
    @Path("/whoami")
    @RolesAllowed(Roles.SIGNAL_SENDER)
    @Operation(summary = "The partner system's identity as seen by ANAISS (to check credentials)")
    public PartnerIdentity whoami() {
        return new PartnerIdentity(token.getClaim("azp"), identity.getRoles().stream().sorted().toList());
    }

    @POST
    @Path("/signals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SIGNAL_SENDER)
    @Operation(summary = "Signal one person (Idempotency-Key required: a retry returns the first answer and creates nothing)")
    @APIResponse(responseCode = "201", description = "Received (a retry with the same Idempotency-Key answers the first answer again)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignalReceipt.class)))
    public Uni<Response> signal(@HeaderParam("Idempotency-Key") String key, @Valid @NotNull SignalRequest request) {
        String partner = partner();
        String checkedKey = idempotencyKey(key);
        return signals.once(Caller.of(caller.claims()), partner, checkedKey, canonical(request), List.of(ApiMapping.signal(request)), ids -> {
            SignalReceipt receipt = new SignalReceipt(ids.get(0).id, request.signalType(), request.signalDate(), ids.get(0).receivedAt,
                    SignalReceipt.RECEIVED);
            return new SignalService.Stored(201, write(receipt), false);
        }).map(PartnerResource::respond);
    }

    @POST
    @Path("/signals/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SIGNAL_SENDER)
    @Operation(summary = "Signal up to 1 000 people; each item is accepted or rejected on its own (Idempotency-Key required)")
    @APIResponse(responseCode = "200", description = "Each item accepted or rejected on its own", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignalBatchResult.class)))
    public Uni<Response> batch(@HeaderParam("Idempotency-Key") String key, @Valid @NotNull SignalBatchRequest request) {
        String partner = partner();
        String checkedKey = idempotencyKey(key);
        if (request.signals().size() > config.partners().maxBatch()) {
            throw ProblemException.badRequest("batch-too-large", "Batch too large",
                    "A batch holds at most " + config.partners().maxBatch() + " signals.");
        }
        List<SignalRequest> valid = new ArrayList<>();
        List<SignalBatchResult.Item> items = new ArrayList<>();
        for (int i = 0; i < request.signals().size(); i++) {
            List<SignalBatchResult.FieldError> errors = new ArrayList<>();
            SignalRequest item = read(request.signals().get(i), errors);
            if (item != null) {
                valid.add(item);
                items.add(new SignalBatchResult.Item(i, "CREATED", null, null));
            } else {
                items.add(new SignalBatchResult.Item(i, "REJECTED", null, errors));
            }
        }
        if (valid.isEmpty()) {
            throw new ProblemException(400, "invalid-request", "Invalid request",
                    "No signal of the batch is valid; nothing was stored.", java.util.Map.of("items", items));
        }
        List<SignalInput> inputs = valid.stream().map(ApiMapping::signal).toList();
        return signals.once(Caller.of(caller.claims()), partner, checkedKey, canonical(request), inputs, ids -> {
            List<SignalBatchResult.Item> answered = new ArrayList<>();
            var created = ids.iterator();
            for (SignalBatchResult.Item item : items) {
                answered.add(item.outcome().equals("CREATED") ? new SignalBatchResult.Item(item.index(), "CREATED", created.next().id, null)
                        : item);
            }
            return new SignalService.Stored(200, write(new SignalBatchResult(valid.size(), items.size() - valid.size(), answered)), false);
        }).map(PartnerResource::respond);
    }

    @GET
    @Path("/signals/{id}")
    @RolesAllowed(Roles.SIGNAL_SENDER)
    @Operation(summary = "Status of a signal this partner sent: RECEIVED, OFFER_SENT or CLOSED")
    public Uni<SignalReceipt> receipt(@PathParam("id") String id) {
        return signals.receipt(Caller.of(caller.claims()), partner(), Params.uuid("id", id)).map(ApiMapping::receipt);
    }

    @GET
    @Path("/signals")
    @RolesAllowed(Roles.SIGNAL_SENDER)
    @Operation(summary = "The signals this partner sent, newest first, with their status")
    public Uni<Page<SignalReceipt>> receipts(@Parameter(description = "page number, from 0") @QueryParam("page") @Min(0) @Max(100_000) Integer page,
            @Parameter(description = "page size; at most anaiss.outreach.lists.max-page-size (100 by default)") @QueryParam("size") @Min(1) Integer size) {
        return signals.receipts(Caller.of(caller.claims()), partner(), page == null ? 0 : page, Params.pageSize(size, 50, config.lists().maxPageSize()))
                .map(p -> ApiMapping.page(p, ApiMapping::receipt));
    }

    private String partner() {
        String azp = token.getClaim("azp");
        if (azp == null || azp.isBlank() || azp.length() > 100) {
            throw ProblemException.forbidden("The token does not name the partner system (azp).");
        }
        return azp;
    }

    private static String idempotencyKey(String key) {
        if (key == null || !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ProblemException.badRequest("idempotency-key-required", "Idempotency-Key required",
                    "Send an Idempotency-Key header of 8 to 100 letters, digits or ._:- (a UUID is fine), new for each new request.");
        }
        return key;
    }

    private SignalRequest read(JsonNode node, List<SignalBatchResult.FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new SignalBatchResult.FieldError("", "must be a signal object"));
            return null;
        }
        SignalRequest item;
        try {
            item = json.treeToValue(node, SignalRequest.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            errors.add(new SignalBatchResult.FieldError(field, "has the wrong type or an unknown value"));
            return null;
        } catch (JsonProcessingException e) {
            errors.add(new SignalBatchResult.FieldError("", "is not a valid signal"));
            return null;
        }
        for (ConstraintViolation<SignalRequest> v : validator.validate(item)) {
            errors.add(new SignalBatchResult.FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        errors.sort(Comparator.comparing(SignalBatchResult.FieldError::field));
        return errors.isEmpty() ? item : null;
    }

    private byte[] canonical(Object request) {
        try {
            return json.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request not serialisable", e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer not serialisable", e);
        }
    }

    private static Response respond(SignalService.Stored stored) {
        Response.ResponseBuilder builder = Response.status(stored.status()).type(MediaType.APPLICATION_JSON).entity(stored.body());
        if (stored.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.build();
    }
}
