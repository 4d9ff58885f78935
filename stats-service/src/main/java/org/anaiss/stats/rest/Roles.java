package org.anaiss.stats.rest;

/** Realm roles, as in deploy/keycloak/anaiss-realm.json. */
final class Roles {
    static final String STATISTICIAN = "statistician";
    static final String ADMIN = "admin";

    private Roles() {
    }
}
