package org.anaiss.gateway.web.pages;

import static org.anaiss.gateway.web.pages.PageValues.blankToNull;
import static org.anaiss.gateway.web.pages.PageValues.enc;
import static org.anaiss.gateway.web.pages.PageValues.integer;
import static org.anaiss.gateway.web.pages.PageValues.uuid;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.gateway.proxy.Services;
import org.anaiss.gateway.web.WebConfig;
import org.anaiss.gateway.web.session.WebSession;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/** The lists of cases (mine, the team's, the team lead's queue) and the case file with its changes and documents. */
@ApplicationScoped
class CasePages {

    private static final int PAGE_SIZE = 20;

    private final PageSupport p;
    private final WebConfig config;
    private final Services services;
    private CaseApi api;

    CasePages(PageSupport p, WebConfig config, Services services) {
        this.p = p;
        this.config = config;
        this.services = services;
    }

    /** case-service's API, once the router (and its Vert.x) exists. */
    void use(CaseApi api) {
        this.api = api;
    }

    void cases(RoutingContext rc, WebSession session, PageContext pageCtx) {
        boolean team = "team".equals(rc.request().getParam("scope"));
        PageContext ctx = PageSupport.withNav(pageCtx, team ? "team" : "mine", rc);
        Views.Filter filter = filter(rc, true);
        MultiMap query = query(filter, rc);
        if (!team) {
            query.set("mine", "true");
        }
        api.get(rc, session.tokens().access(), "/api/cases", query, Api.CasePage.class).onComplete(ar -> {
            if (p.failed(rc, ar, ctx)) {
                return;
            }
            Api.CasePage page = ar.result().value();
            String base = "/app/cases?" + (team ? "scope=team&" : "");
            p.render(rc, 200, Templates.cases(ctx, new Views.CaseList(team ? "cases.team.title" : "cases.mine.title", "/app/cases",
                    team ? "team" : null, filter, page, pageHref(base, filter, page.page() - 1, page.page() > 0),
                    pageHref(base, filter, page.page() + 1, page.hasNext()), false, List.of())));
        });
    }

    void queue(RoutingContext rc, WebSession session, PageContext pageCtx) {
        PageContext ctx = PageSupport.withNav(pageCtx, "queue", rc);
        if (!ctx.teamLead()) {
            p.message(rc, 403, ctx, "forbidden.title", "forbidden.teamLead", null);
            return;
        }
        Views.Filter filter = filter(rc, false);
        MultiMap query = query(filter, rc).set("unassigned", "true");
        String token = session.tokens().access();
        Future<CaseApi.Result<Api.CasePage>> cases = api.get(rc, token, "/api/cases", query, Api.CasePage.class);
        Future<CaseApi.Result<List<Api.Staff>>> staff = api.list(rc, token, "/api/cases/team/members", Api.Staff.class);
        Future.all(cases, staff).onComplete(ar -> {
            if (p.failed(rc, cases, ctx)) {
                return;
            }
            Api.CasePage page = cases.result().value();
            List<Api.Staff> members = staff.succeeded() && staff.result().ok() ? staff.result().value() : List.of();
            p.render(rc, 200, Templates.cases(ctx, new Views.CaseList("queue.title", "/app/queue", null, filter, page,
                    pageHref("/app/queue?", filter, page.page() - 1, page.page() > 0),
                    pageHref("/app/queue?", filter, page.page() + 1, page.hasNext()), true, members)));
        });
    }

    static Views.Filter filter(RoutingContext rc, boolean withStatus) {
        String status = rc.request().getParam("status");
        String theme = rc.request().getParam("theme");
        String since = rc.request().getParam("updatedSince");
        String sort = rc.request().getParam("sort");
        try {
            if (since != null && !since.isBlank()) {
                LocalDate.parse(since);
            }
        } catch (DateTimeParseException e) {
            since = null;
        }
        return new Views.Filter(withStatus && status != null && PageContext.STATUSES.contains(status) ? status : "",
                theme != null && PageContext.THEMES.contains(theme) ? theme : "", since == null ? "" : since,
                sort != null && PageContext.SORTS.contains(sort) ? sort : PageContext.SORTS.get(0));
    }

    MultiMap query(Views.Filter filter, RoutingContext rc) {
        MultiMap query = MultiMap.caseInsensitiveMultiMap();
        if (!filter.status().isEmpty()) {
            query.set("status", filter.status());
        }
        if (!filter.theme().isEmpty()) {
            query.set("theme", filter.theme());
        }
        if (!filter.updatedSince().isEmpty()) {
            query.set("updatedSince", LocalDate.parse(filter.updatedSince()).atStartOfDay(config.zone()).toInstant().toString());
        }
        query.set("sort", filter.sort()).set("size", Integer.toString(PAGE_SIZE)).set("page", Integer.toString(pageNumber(rc)));
        return query;
    }

    static int pageNumber(RoutingContext rc) {
        try {
            return Math.max(0, Math.min(100_000, Integer.parseInt(rc.request().getParam("page", "0"))));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String pageHref(String base, Views.Filter f, int page, boolean exists) {
        if (!exists) {
            return null;
        }
        return base + "status=" + enc(f.status()) + "&theme=" + enc(f.theme()) + "&updatedSince=" + enc(f.updatedSince())
                + "&sort=" + enc(f.sort()) + "&page=" + page;
    }

    void caseFile(RoutingContext rc, WebSession session, PageContext pageCtx, int status) {
        String caseId = rc.pathParam("caseId");
        PageContext ctx = PageSupport.withNav(pageCtx, null, "/app/cases/" + caseId);
        if (!uuid(caseId)) {
            p.message(rc, 404, ctx, "notFound.title", "notFound.case", null);
            return;
        }
        String token = session.tokens().access();
        // one read of the whole file (one transaction and one batch of audit records in case-service), not five
        Future<CaseApi.Result<Api.CaseFile>> file = api.get(rc, token, "/api/cases/" + caseId + "/file", null, Api.CaseFile.class);
        Future<CaseApi.Result<List<Api.Staff>>> staff = ctx.teamLead()
                ? api.list(rc, token, "/api/cases/team/members", Api.Staff.class)
                : Future.succeededFuture(new CaseApi.Result<>(List.of(), null));
        Future.join(List.of(file, staff)).onComplete(ar -> {
            if (p.failed(rc, file, ctx, "notFound.case")) {
                return;
            }
            Api.CaseFile f = file.result().value();
            p.render(rc, status, Templates.caseFile(ctx, new Views.CaseFile(f.theCase(), Views.HistoryStep.of(f.statusHistory()),
                    f.contacts(), f.planSteps(), f.documents(), listOf(staff))));
        });
    }

    static <T> List<T> listOf(Future<CaseApi.Result<List<T>>> f) {
        return f.succeeded() && f.result().ok() && f.result().value() != null ? f.result().value() : List.of();
    }

    void addContact(RoutingContext rc, WebSession session, PageContext ctx) {
        MultiMap form = rc.request().formAttributes();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("occurredAt", p.instant(form.get("occurredAt")));
        body.put("mode", blankToNull(form.get("mode")));
        body.put("notes", blankToNull(form.get("notes")));
        change(rc, session, ctx, HttpMethod.POST, "/contacts", body, "contact-added", "#h-contacts");
    }

    void addStep(RoutingContext rc, WebSession session, PageContext ctx) {
        MultiMap form = rc.request().formAttributes();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", blankToNull(form.get("text")));
        body.put("dueDate", blankToNull(form.get("dueDate")));
        change(rc, session, ctx, HttpMethod.POST, "/plan-steps", body, "step-added", "#h-plan");
    }

    void changeStep(RoutingContext rc, WebSession session, PageContext ctx) {
        MultiMap form = rc.request().formAttributes();
        String stepId = rc.pathParam("stepId");
        if (!uuid(stepId)) {
            p.message(rc, 404, ctx, "notFound.title", "notFound.case", null);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", blankToNull(form.get("text")));
        body.put("dueDate", blankToNull(form.get("dueDate")));
        body.put("status", blankToNull(form.get("status")));
        body.put("version", integer(form.get("version")));
        change(rc, session, ctx, HttpMethod.PUT, "/plan-steps/" + stepId, body, "step-changed", "#h-plan");
    }

    void changeStatus(RoutingContext rc, WebSession session, PageContext ctx) {
        MultiMap form = rc.request().formAttributes();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", blankToNull(form.get("status")));
        body.put("closureReason", blankToNull(form.get("closureReason")));
        change(rc, session, ctx, HttpMethod.POST, "/status", body, "status-changed", "#h-status");
    }

    void assign(RoutingContext rc, WebSession session, PageContext ctx) {
        MultiMap form = rc.request().formAttributes();
        String assignee = blankToNull(form.get("assignee"));
        boolean fromQueue = "queue".equals(form.get("back"));
        if (assignee == null) {
            change(rc, session, ctx, HttpMethod.DELETE, "/assignment", null, "unassigned", "#h-status");
        } else if (fromQueue) {
            String caseId = rc.pathParam("caseId");
            if (!uuid(caseId)) {
                p.message(rc, 404, ctx, "notFound.title", "notFound.case", null);
                return;
            }
            api.send(rc, HttpMethod.PUT, session.tokens().access(), "/api/cases/" + caseId + "/assignment", Map.of("assignee", assignee),
                    Api.Case.class).onComplete(ar -> {
                        if (ar.failed()) {
                            p.unavailable(rc, ar.cause());
                        } else if (ar.result().ok()) {
                            Html.redirect(rc, "/app/queue?ok=assigned");
                        } else {
                            p.message(rc, ar.result().problem().status(), PageSupport.withNav(ctx, "queue", "/app/queue").with(null, ar.result().problem()),
                                    "queue.failed.title", "queue.failed.text", null, "/app/queue", "queue.back");
                        }
                    });
        } else {
            change(rc, session, ctx, HttpMethod.PUT, "/assignment", Map.of("assignee", assignee), "assigned", "#h-status");
        }
    }

    /** A change to a case: on success back to the case with a word of confirmation, else the case with the refusal. */
    void change(RoutingContext rc, WebSession session, PageContext ctx, HttpMethod method, String subPath,
            Object body, String done, String anchor) {
        String caseId = rc.pathParam("caseId");
        if (!uuid(caseId)) {
            p.message(rc, 404, ctx, "notFound.title", "notFound.case", null);
            return;
        }
        api.send(rc, method, session.tokens().access(), "/api/cases/" + caseId + subPath, body, Void.class).onComplete(ar -> {
            if (ar.failed()) {
                p.unavailable(rc, ar.cause());
            } else if (ar.result().ok()) {
                Html.redirect(rc, "/app/cases/" + caseId + "?ok=" + done + anchor);
            } else {
                caseFile(rc, session, ctx.with(null, ar.result().problem()), ar.result().problem().status());
            }
        });
    }

    /** A document, streamed from case-service to the browser (never held whole in memory). */
    void download(RoutingContext rc, WebSession session, PageContext ctx) {
        String caseId = rc.pathParam("caseId");
        String documentId = rc.pathParam("documentId");
        if (!uuid(caseId) || !uuid(documentId)) {
            p.message(rc, 404, ctx, "notFound.title", "notFound.document", null);
            return;
        }
        var instance = services.cases().pick();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(instance.host())
                .setPort(instance.port()).setSsl(instance.tls())
                .setURI("/api/cases/" + caseId + "/documents/" + documentId)
                .putHeader("Authorization", "Bearer " + session.tokens().access())
                .putHeader("Accept", "application/pdf, image/png, image/jpeg, application/problem+json")
                .setTimeout(15_000);
        var exchange = org.anaiss.gateway.edge.Exchange.of(rc);
        if (exchange != null) {
            options.putHeader("X-Request-Id", exchange.requestId()).putHeader("traceparent", exchange.trace().traceparent());
        }
        services.client().request(options).compose(request -> request.send()).onComplete(ar -> {
            if (ar.failed()) {
                p.unavailable(rc, ar.cause());
                return;
            }
            var upstream = ar.result();
            if (upstream.statusCode() != 200) {
                upstream.body().onComplete(body -> {
                    Api.Problem problem = Api.Problem.of(upstream.statusCode(), "not-found", null);
                    try {
                        if (body.succeeded() && body.result().length() > 0) {
                            problem = CaseApi.JSON.readValue(body.result().getBytes(), Api.Problem.class);
                        }
                    } catch (java.io.IOException e) {
                        // the status says enough
                    }
                    p.message(rc, problem.status(), ctx.with(null, problem), "notFound.title", "notFound.document", null);
                });
                return;
            }
            var response = rc.response().setStatusCode(200);
            for (String header : List.of("Content-Type", "Content-Length", "Content-Disposition")) {
                String value = upstream.getHeader(header);
                if (value != null) {
                    response.putHeader(header, value);
                }
            }
            response.putHeader("Cache-Control", "no-store").putHeader("Content-Security-Policy", "default-src 'none'; sandbox");
            if (!response.headers().contains("Content-Length")) {
                response.setChunked(true);
            }
            upstream.pipeTo(response);
        });
    }
}
