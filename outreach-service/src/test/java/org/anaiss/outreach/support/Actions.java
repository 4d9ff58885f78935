package org.anaiss.outreach.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

/** Collective actions through the API, as an officer creates them. */
public final class Actions {

    private Actions() {
    }

    public static Map<String, Object> session(Instant startsAt, int capacity) {
        return Map.of("startsAt", startsAt.toString(), "durationMinutes", 120, "place", "Carsat, 35 rue Maurice Flandin, Lyon",
                "capacity", capacity);
    }

    public static Map<String, Object> action(String theme, List<Map<String, Object>> sessions) {
        return Map.of("theme", theme, "title", "Garder son emploi malgré la maladie", "description",
                "Réunion d'information sur le maintien dans l'emploi.", "targetPublic", "Assurés en arrêt de travail long",
                "sessions", sessions);
    }

    /** Creates the action; returns its id and its first session's id. */
    public static String[] create(String officerToken, Map<String, Object> action) {
        var r = given().auth().oauth2(officerToken).contentType(ContentType.JSON).body(action).post("/api/outreach/actions")
                .then().statusCode(201).extract();
        return new String[] { r.path("id"), r.path("sessions[0].id") };
    }
}
