package org.anaiss.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.anaiss.gateway.support.EdgeProfile;
import org.anaiss.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The memory of verified tokens with real Keycloak tokens: it saves work, never a check. */
@QuarkusTest
@TestProfile(EdgeProfile.class)
class TokenCacheTest {

    @Inject
    TokenCache cache;

    @Test
    void aVerifiedTokenIsRememberedAndServesTheSameCaller() {
        String token = Tokens.user("david");
        int before = cache.size();
        given().auth().oauth2(token).when().get("/api/cases/token-cache").then().statusCode(200);
        assertThat(cache.size()).isEqualTo(before + 1);
        given().auth().oauth2(token).when().get("/api/cases/token-cache").then().statusCode(200);
        assertThat(cache.size()).isEqualTo(before + 1);
    }

    @Test
    void aTokenAlteredAfterItsOriginalWasRememberedIsStillRefused() {
        String token = Tokens.user("emma");
        given().auth().oauth2(token).when().get("/api/cases/token-cache").then().statusCode(200);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        int before = cache.size();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(forged).when().get("/api/cases/token-cache")
                    .then().statusCode(401).body("type", equalTo("https://anaiss.example/problems/invalid-token"));
        }
        assertThat(cache.size()).as("a refused token is never remembered").isEqualTo(before);
    }
}
