package org.anaiss.gateway.web.pages;

import static org.anaiss.gateway.web.pages.PageValues.blankToNull;
import static org.anaiss.gateway.web.pages.PageValues.uuid;
import static org.anaiss.gateway.web.pages.PageValues.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.gateway.web.session.WebSession;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** Finding and registering a person, a person's page with their cases, and opening a case. */
@ApplicationScoped
class PersonPages {

    private final PageSupport p;
    private CaseApi api;

    PersonPages(PageSupport p) {
        this.p = p;
    }

    /** case-service's API, once the router (and its Vert.x) exists. */
    void use(CaseApi api) {
        this.api = api;
    }

    void findPersons(RoutingContext rc, WebSession session, PageContext pageCtx) {
        PageContext ctx = PageSupport.withNav(pageCtx, "search", "/app/persons/search");
        MultiMap form = rc.request().formAttributes();
        Map<String, Object> body = new LinkedHashMap<>();
        Views.SearchForm echo;
        if ("nir".equals(form.get("by"))) {
            body.put("nir", blankToNull(form.get("nir")));
            echo = new Views.SearchForm("", "", "", true);
        } else {
            body.put("lastName", blankToNull(form.get("lastName")));
            body.put("firstName", blankToNull(form.get("firstName")));
            body.put("birthDate", blankToNull(form.get("birthDate")));
            echo = new Views.SearchForm(value(form, "lastName"), value(form, "firstName"), value(form, "birthDate"), true);
        }
        api.send(rc, HttpMethod.POST, session.tokens().access(), "/api/cases/persons/search", body, Api.PersonSummary[].class)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        p.unavailable(rc, ar.cause());
                    } else if (!ar.result().ok()) {
                        Views.SearchForm notSearched = new Views.SearchForm(echo.lastName(), echo.firstName(), echo.birthDate(), false);
                        search(rc, ctx.with(null, ar.result().problem()), notSearched, List.of(), ar.result().problem().status());
                    } else {
                        search(rc, ctx, echo, List.of(ar.result().value()), 200);
                    }
                });
    }

    void search(RoutingContext rc, PageContext pageCtx, Views.SearchForm form, List<Api.PersonSummary> results, int status) {
        PageContext ctx = pageCtx.nav == null ? PageSupport.withNav(pageCtx, "search", "/app/persons/search") : pageCtx;
        p.render(rc, status, Templates.search(ctx, form, results));
    }

    void registerPerson(RoutingContext rc, WebSession session, PageContext pageCtx) {
        PageContext ctx = PageSupport.withNav(pageCtx, "new", "/app/persons/new");
        MultiMap form = rc.request().formAttributes();
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : List.of("lastName", "firstName", "birthDate", "sex", "nir", "addressLine", "postalCode", "city", "phone",
                "email", "preferredChannel")) {
            body.put(field, blankToNull(form.get(field)));
        }
        api.send(rc, HttpMethod.POST, session.tokens().access(), "/api/cases/persons", body, Api.Person.class).onComplete(ar -> {
            if (ar.failed()) {
                p.unavailable(rc, ar.cause());
            } else if (ar.result().ok()) {
                Html.redirect(rc, "/app/persons/" + ar.result().value().id() + "?ok=person-created");
            } else {
                Api.Problem problem = ar.result().problem();
                p.render(rc, problem.status(), Templates.personForm(ctx.with(null, problem), personForm(form, problem)));
            }
        });
    }

    Views.PersonForm personForm(MultiMap form, Api.Problem problem) {
        List<Views.Field> identity = new ArrayList<>();
        identity.add(field(form, problem, "lastName", "person.lastName", "text", true, null, "off"));
        identity.add(field(form, problem, "firstName", "person.firstName", "text", true, null, "off"));
        identity.add(field(form, problem, "birthDate", "person.birthDate", "date", true, null, "off"));
        identity.add(field(form, problem, "nir", "person.nir", "text", false, "person.nirHint", "off"));
        List<Views.Field> contact = new ArrayList<>();
        contact.add(field(form, problem, "addressLine", "person.addressLine", "text", false, null, "off"));
        contact.add(field(form, problem, "postalCode", "person.postalCode", "text", false, null, "off"));
        contact.add(field(form, problem, "city", "person.city", "text", false, null, "off"));
        contact.add(field(form, problem, "phone", "person.phone", "tel", false, null, "off"));
        contact.add(field(form, problem, "email", "person.email", "email", false, null, "off"));
        return new Views.PersonForm(identity, contact, value(form, "sex"), value(form, "preferredChannel"));
    }

    static Views.Field field(MultiMap form, Api.Problem problem, String name, String label, String type, boolean required,
            String hint, String autocomplete) {
        return new Views.Field(name, label, type, value(form, name), required, hint, autocomplete,
                problem == null ? null : problem.violation(name));
    }

    void person(RoutingContext rc, WebSession session, PageContext ctx) {
        showPerson(rc, session, PageSupport.withNav(ctx, null, rc), rc.pathParam("personId"), 200);
    }

    void showPerson(RoutingContext rc, WebSession session, PageContext ctx, String personId, int status) {
        if (!uuid(personId)) {
            p.message(rc, 404, ctx, "notFound.title", "notFound.person", null);
            return;
        }
        String token = session.tokens().access();
        Future<CaseApi.Result<Api.Person>> person = api.get(rc, token, "/api/cases/persons/" + personId, null, Api.Person.class);
        // the person's cases within the user's scope (the service filters by team and region)
        Future<CaseApi.Result<Api.CasePage>> cases = api.get(rc, token, "/api/cases", MultiMap.caseInsensitiveMultiMap()
                .add("personId", personId).add("sort", "openedAt,desc").add("size", "50"), Api.CasePage.class);
        Future.join(person, cases).onComplete(ar -> {
            if (p.failed(rc, person, ctx, "notFound.person")) {
                return;
            }
            boolean listed = cases.succeeded() && cases.result().ok();
            p.render(rc, status, Templates.person(ctx, new Views.PersonFile(person.result().value(),
                    listed ? cases.result().value().items() : List.of(), !listed)));
        });
    }

    void openCase(RoutingContext rc, WebSession session, PageContext pageCtx) {
        MultiMap form = rc.request().formAttributes();
        String personId = form.get("personId");
        PageContext ctx = PageSupport.withNav(pageCtx, null, "/app/persons/" + personId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("personId", personId);
        body.put("theme", blankToNull(form.get("theme")));
        body.put("origin", blankToNull(form.get("origin")));
        body.put("assignedTo", "me".equals(form.get("assign")) ? session.profile().username() : null);
        api.send(rc, HttpMethod.POST, session.tokens().access(), "/api/cases", body, Api.Case.class).onComplete(ar -> {
            if (ar.failed()) {
                p.unavailable(rc, ar.cause());
            } else if (ar.result().ok()) {
                Html.redirect(rc, "/app/cases/" + ar.result().value().id() + "?ok=case-opened");
            } else if (uuid(personId)) {
                showPerson(rc, session, ctx.with(null, ar.result().problem()), personId, ar.result().problem().status());
            } else {
                p.message(rc, ar.result().problem().status(), ctx.with(null, ar.result().problem()), "notFound.title", "notFound.person", null);
            }
        });
    }
}
