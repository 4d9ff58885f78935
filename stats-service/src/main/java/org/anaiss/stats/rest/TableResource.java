package org.anaiss.stats.rest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.anaiss.stats.domain.ReleasePolicy;
import org.anaiss.stats.rest.api.TableDescriptionView;
import org.anaiss.stats.rest.api.TableView;
import org.anaiss.stats.service.TableAnswer;
import org.anaiss.stats.service.TableQueryService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The published statistics tables, protected in every answer. Query parameters: granularity
 * (required), from and to (periods of that granularity, inclusive), groupBy (allowed dimensions of
 * the table, comma-separated), producer (only when two producers publish the measure), and any
 * allowed dimension of the table as a filter (region=RHONE_ALPES,BRETAGNE). Nothing else.
 */
@Path("/api/stats/tables")
@Authenticated
@Tag(name = "Statistics", description = "Anonymous, protected statistics on the public served and on collective actions")
public class TableResource {

    static final String CSV = "text/csv";
    private final TableQueryService tables;
    private final TableRequests requests;
    private final AnswerCache cache;
    private final ObjectMapper json;

    public TableResource(TableQueryService tables, TableRequests requests, AnswerCache cache, ObjectMapper json) {
        this.tables = tables;
        this.requests = requests;
        this.cache = cache;
        this.json = json;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.STATISTICIAN, Roles.ADMIN })
    @Operation(summary = "List the published tables: dimensions and values, the periods released and the next release")
    public Uni<List<TableDescriptionView>> list() {
        return tables.tables().map(list -> list.stream().map(p -> {
            ReleasePolicy.Rule rule = ReleasePolicy.rule(p.table().producer(), p.table().measure()).orElseThrow();
            Map<String, TableDescriptionView.NextReleaseView> next = new LinkedHashMap<>();
            p.nextRelease().forEach((g, n) -> next.put(g, new TableDescriptionView.NextReleaseView(n.period(), n.expectedFrom())));
            return new TableDescriptionView(p.table().producer(), p.table().measure(), rule.describes().text(),
                    rule.level().name(), p.table().dimensions().stream()
                            .map(d -> new TableDescriptionView.DimensionView(d.apiName(), p.table().domain(d))).toList(),
                    p.released(), next);
        }).toList());
    }

    @GET
    @Path("/{measure}")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @RolesAllowed({ Roles.STATISTICIAN, Roles.ADMIN })
    @Operation(summary = "One protected table, as JSON or as CSV (Accept: text/csv)", description = "granularity="
            + "MONTH|QUARTER|YEAR (required), from, to, groupBy=region,sex, and filters by allowed dimensions of the table "
            + "(region=RHONE_ALPES; measures released nationally only refuse region with 400 not-a-permitted-purpose). Only "
            + "released periods are served, each exactly as first released. Answers already computed are reused unless the "
            + "request says Cache-Control: no-cache. Every figure is noisy and masked below the threshold; the metadata states "
            + "how (CSV: in '#' lines before the header and in X-Stats-* headers).")
    @APIResponse(responseCode = "200", content = { @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TableView.class)), @Content(mediaType = CSV) })
    public Uni<Response> table(@Parameter(description = "e.g. cases_opened") @PathParam("measure") String measure,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        boolean csv = prefersCsv(headers.getAcceptableMediaTypes());
        boolean fresh = noCache(headers.getRequestHeader(HttpHeaders.CACHE_CONTROL));
        return Uni.createFrom().item(() -> requests.parse(measure, uri.getQueryParameters()))
                .chain(query -> tables.sources(query).chain(sources -> {
                    String key = AnswerCache.key(csv ? "csv" : "json", query, sources);
                    AnswerCache.Entry cached = fresh ? null : cache.get(key);
                    if (cached != null) {
                        return Uni.createFrom().item(cached);
                    }
                    return tables.answer(query, sources).map(answer -> {
                        AnswerCache.Entry entry = csv ? csvEntry(answer) : jsonEntry(answer);
                        cache.put(key, entry);
                        return entry;
                    });
                }))
                .map(entry -> {
                    Response.ResponseBuilder response = Response.ok(entry.body(), entry.mediaType());
                    if (csv) {
                        response.header("X-Stats-Protection", "discrete-laplace-then-threshold")
                                .header("X-Stats-Epsilon", entry.epsilons()).header("X-Stats-Threshold", tables.threshold())
                                .header("X-Stats-Noise-Key-Id", entry.noiseKeyIds())
                                .header("X-Stats-Generated-At", entry.generatedAt().toString());
                    }
                    return response.build();
                });
    }

    /**
     * A client asking {@code Cache-Control: no-cache} (RFC 9111, 5.2.1.4) gets an answer computed
     * again from the stored cells, not one kept from an earlier request. The figures are the same.
     */
    static boolean noCache(List<String> cacheControl) {
        for (String header : cacheControl) {
            for (String directive : header.split(",")) {
                String d = directive.trim().toLowerCase(java.util.Locale.ROOT);
                if (d.equals("no-cache") || d.startsWith("no-cache=") || d.equals("no-store")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** CSV only when asked for before JSON: a client that accepts anything gets JSON. */
    static boolean prefersCsv(List<MediaType> acceptable) {
        MediaType text = MediaType.valueOf(CSV);
        for (MediaType m : acceptable) {
            if (m.isWildcardType()) {
                return false;
            }
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (m.isCompatible(text)) {
                return true;
            }
        }
        return false;
    }

    private AnswerCache.Entry jsonEntry(TableAnswer answer) {
        try {
            return new AnswerCache.Entry(TableViews.jsonBytes(answer, json), MediaType.APPLICATION_JSON, answer.generatedAt(),
                    TableViews.keyIds(answer), TableViews.epsilons(answer));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a table could not be written as JSON", e);
        }
    }

    private static AnswerCache.Entry csvEntry(TableAnswer answer) {
        return new AnswerCache.Entry(TableViews.csv(answer).getBytes(StandardCharsets.UTF_8), CSV + "; charset=UTF-8",
                answer.generatedAt(), TableViews.keyIds(answer), TableViews.epsilons(answer));
    }
}
