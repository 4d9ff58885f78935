package org.anaiss.gateway.web.pages;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.proxy.Services;
import org.anaiss.gateway.web.session.Sessions;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The staff application's pages under {@code /app}, rendered on the server from case-service's API
 * called with the signed-in user's own token. Reading is a GET; every change is a POST form with the
 * session's CSRF token, answered by a redirect to the page that shows the result (so a reload never
 * submits twice), or by the same page with the service's refusal in words.
 */
@ApplicationScoped
public class PageRoutes {

    private static final int FORM_LIMIT = 64 * 1024;

    private final PageSupport p;
    private final SignInPages signIn;
    private final PersonPages persons;
    private final CasePages cases;
    private final Services services;

    public PageRoutes(PageSupport p, SignInPages signIn, PersonPages persons, CasePages cases, Services services) {
        this.p = p;
        this.signIn = signIn;
        this.persons = persons;
        this.cases = cases;
        this.services = services;
    }

    void register(@Observes Router router, Vertx vertx) {
        CaseApi api = new CaseApi(WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(32).setKeepAlive(true)
                .setKeepAliveTimeout(30)), services.cases());
        cases.use(api);
        persons.use(api);
        // forms only (no files: documents go to the API with their own type, see app.js)
        router.post("/app/*").handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT));
        router.get("/app").handler(rc -> Html.redirect(rc, "/app/cases"));
        router.get("/app/").handler(rc -> Html.redirect(rc, "/app/cases"));
        router.get("/app/login").handler(signIn::login);
        router.get(Sessions.CALLBACK_PATH).handler(signIn::callback);
        router.get("/app/signed-out").handler(signIn::signedOut);
        router.get("/app/lang").handler(signIn::switchLanguage);
        router.post("/app/logout").handler(p.action(signIn::logout));
        router.get("/app/cases").handler(p.page(cases::cases));
        router.get("/app/queue").handler(p.page(cases::queue));
        router.get("/app/persons/search").handler(p.page((rc, s, ctx) -> persons.search(rc, ctx, new Views.SearchForm("", "", "", false),
                List.of(), 200)));
        router.post("/app/persons/search").handler(p.action(persons::findPersons));
        router.get("/app/persons/new").handler(p.page((rc, s, ctx) -> p.render(rc, 200, Templates.personForm(PageSupport.withNav(ctx, "new", rc),
                persons.personForm(MultiMap.caseInsensitiveMultiMap(), null)))));
        router.post("/app/persons").handler(p.action(persons::registerPerson));
        router.get("/app/persons/:personId").handler(p.page(persons::person));
        router.post("/app/cases").handler(p.action(persons::openCase));
        router.get("/app/cases/:caseId").handler(p.page((rc, s, ctx) -> cases.caseFile(rc, s, ctx, 200)));
        router.post("/app/cases/:caseId/contacts").handler(p.action(cases::addContact));
        router.post("/app/cases/:caseId/plan-steps").handler(p.action(cases::addStep));
        router.post("/app/cases/:caseId/plan-steps/:stepId").handler(p.action(cases::changeStep));
        router.post("/app/cases/:caseId/status").handler(p.action(cases::changeStatus));
        router.post("/app/cases/:caseId/assignment").handler(p.action(cases::assign));
        router.get("/app/cases/:caseId/documents/:documentId").handler(p.page(cases::download));
        router.route("/app/*").handler(p.page((rc, s, ctx) -> p.message(rc, 404, ctx, "notFound.title", "notFound.page", null)));
    }
}
