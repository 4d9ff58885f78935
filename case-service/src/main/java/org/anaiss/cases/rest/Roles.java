package org.anaiss.cases.rest;

/** Realm roles, as in deploy/keycloak/anaiss-realm.json. */
final class Roles {
    static final String SOCIAL_WORKER = "social-worker";
    static final String TEAM_LEAD = "team-lead";
    static final String DPO = "dpo";

    private Roles() {
    }
}
