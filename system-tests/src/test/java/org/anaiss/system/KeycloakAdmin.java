package org.anaiss.system;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The local Keycloak's admin REST API, with the bootstrap administrator of the master realm that
 * deploy/local/infra.sh creates (a local-only password). For tokens the demo realm does not hand out:
 * ones that expire within seconds, and ones of another realm.
 */
final class KeycloakAdmin {

    static final String ADMIN = Env.get("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    static final String ADMIN_PASSWORD = Env.get("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-local-only");

    private KeycloakAdmin() {
    }

    /** An access token of the master realm's administrator (admin-cli, password grant): valid, but of another realm. */
    static String masterToken() {
        Response r = given().baseUri(Env.keycloakUrl()).formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", ADMIN).formParam("password", ADMIN_PASSWORD)
                .post("/realms/master/protocol/openid-connect/token");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the master realm refused its administrator a token: " + r.statusCode());
        }
        return r.path("access_token");
    }

    /**
     * A public client of realm anaiss with the password grant whose access tokens live {@code seconds},
     * otherwise like the test client (audience anaiss-api, region and team claims). Made if missing,
     * its settings put back if it exists: a rerun reuses it.
     */
    static void ensureShortLivedClient(String clientId, int seconds) {
        String admin = masterToken();
        Map<String, Object> client = Map.of(
                "clientId", clientId,
                "name", "System tests only: tokens that expire within seconds",
                "enabled", true,
                "publicClient", true,
                "protocol", "openid-connect",
                "standardFlowEnabled", false,
                "directAccessGrantsEnabled", true,
                "attributes", Map.of("access.token.lifespan", String.valueOf(seconds)),
                "protocolMappers", List.of(
                        mapper("anaiss-api-audience", "oidc-audience-mapper", Map.of("included.custom.audience", "anaiss-api",
                                "id.token.claim", "false", "access.token.claim", "true")),
                        attribute("region"), attribute("team")));
        List<String> ids = given().baseUri(Env.keycloakUrl()).auth().oauth2(admin).queryParam("clientId", clientId)
                .get("/admin/realms/anaiss/clients").then().statusCode(200).extract().jsonPath().getList("id");
        if (ids.isEmpty()) {
            given().baseUri(Env.keycloakUrl()).auth().oauth2(admin).contentType(ContentType.JSON).body(client)
                    .post("/admin/realms/anaiss/clients").then().statusCode(201);
        } else {
            Map<String, Object> update = new java.util.HashMap<>(client);
            update.remove("protocolMappers"); // kept from the first run (a PUT does not replace them)
            given().baseUri(Env.keycloakUrl()).auth().oauth2(admin).contentType(ContentType.JSON).body(update)
                    .put("/admin/realms/anaiss/clients/" + ids.get(0)).then().statusCode(204);
        }
    }

    /**
     * Lets the web client send browsers back to a gateway at {@code origin} (the realm file lists the
     * default ports only; Keycloak has no wildcard for ports). Idempotent.
     */
    static void allowWebRedirect(String origin) {
        String admin = masterToken();
        List<String> ids = given().baseUri(Env.keycloakUrl()).auth().oauth2(admin).queryParam("clientId", "anaiss-web")
                .get("/admin/realms/anaiss/clients").then().statusCode(200).extract().jsonPath().getList("id");
        String path = "/admin/realms/anaiss/clients/" + ids.get(0);
        Map<String, Object> client = given().baseUri(Env.keycloakUrl()).auth().oauth2(admin).get(path).then().statusCode(200)
                .extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        List<String> uris = new java.util.ArrayList<>((List<String>) client.get("redirectUris"));
        if (!uris.contains(origin + "/*")) {
            uris.add(origin + "/*");
            given().baseUri(Env.keycloakUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("clientId", "anaiss-web", "redirectUris", uris)).put(path).then().statusCode(204);
        }
    }

    /** A user's token from that client (password grant). */
    static String userToken(String clientId, String username) {
        Response r = given().baseUri(Env.keycloakUrl()).formParam("grant_type", "password").formParam("client_id", clientId)
                .formParam("username", username).formParam("password", Tokens.PASSWORD)
                .post("/realms/anaiss/protocol/openid-connect/token");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token of " + clientId + " for " + username + ": " + r.statusCode());
        }
        return r.path("access_token");
    }

    private static Map<String, Object> attribute(String name) {
        return mapper(name, "oidc-usermodel-attribute-mapper", Map.of("user.attribute", name, "claim.name", name,
                "jsonType.label", "String", "access.token.claim", "true", "id.token.claim", "true"));
    }

    private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", config);
    }
}
