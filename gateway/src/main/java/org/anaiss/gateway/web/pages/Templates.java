package org.anaiss.gateway.web.pages;

import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The pages (templates/web/*.html), checked when the gateway is built: a wrong expression fails the build. */
@CheckedTemplate(basePath = "web")
final class Templates {

    private Templates() {
    }

    static native TemplateInstance cases(PageContext ctx, Views.CaseList view);

    static native TemplateInstance caseFile(PageContext ctx, Views.CaseFile view);

    static native TemplateInstance person(PageContext ctx, Views.PersonFile view);

    static native TemplateInstance personForm(PageContext ctx, Views.PersonForm form);

    static native TemplateInstance search(PageContext ctx, Views.SearchForm form, List<Api.PersonSummary> results);

    static native TemplateInstance message(PageContext ctx, String title, String text, String detail, String linkHref,
            String linkText);
}
