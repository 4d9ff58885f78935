package org.anaiss.gateway.web.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The pages of the people the suite writes to (templates/web/pub*.html), checked when the gateway is built. */
@CheckedTemplate(basePath = "web")
final class PublicTemplates {

    private PublicTemplates() {
    }

    static native TemplateInstance pubOffer(PageContext ctx, String token, Api.Offer offer, String region, String error);

    static native TemplateInstance pubInvitation(PageContext ctx, String token, Api.Invitation inv, String error);

    static native TemplateInstance pubDone(PageContext ctx, String what);

    static native TemplateInstance pubGone(PageContext ctx, boolean gone);

    static native TemplateInstance pubMessage(PageContext ctx, String title, String text);
}
