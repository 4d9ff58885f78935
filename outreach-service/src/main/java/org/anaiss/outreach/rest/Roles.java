package org.anaiss.outreach.rest;

/** Realm roles, as in deploy/keycloak/anaiss-realm.json. */
final class Roles {
    static final String OUTREACH_OFFICER = "outreach-officer";
    static final String SOCIAL_WORKER = "social-worker";
    static final String SIGNAL_SENDER = "signal-sender";

    private Roles() {
    }
}
