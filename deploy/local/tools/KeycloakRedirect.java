import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets the local Keycloak send the staff application back to a gateway on another port than the realm
 * file lists (8080 for deploy/local/run.sh, 18080 for the system tests): adds {@code <origin>/*} to the
 * redirect URIs of the web client, through the admin REST API with the local bootstrap administrator.
 * Idempotent. Keycloak has no wildcard for ports, and the realm file keeps only the default ones.
 *
 * Usage: java KeycloakRedirect.java http://localhost:8180 http://localhost:23080 [client-id]
 */
public class KeycloakRedirect {

    public static void main(String[] args) throws Exception {
        String keycloak = args[0].replaceAll("/+$", "");
        String origin = args[1].replaceAll("/+$", "");
        String clientId = args.length > 2 ? args[2] : "anaiss-web";
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"))
                + "&password=" + enc(env("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-local-only"));
        String token = field(send(http, HttpRequest.newBuilder(URI.create(keycloak + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build()),
                "access_token");
        String clients = send(http, HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/anaiss/clients?clientId=" + enc(clientId)))
                .header("Authorization", "Bearer " + token).GET().build());
        String id = field(clients, "id");
        String client = send(http, HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/anaiss/clients/" + id))
                .header("Authorization", "Bearer " + token).GET().build());
        String wanted = "\"" + origin + "/*\"";
        if (client.contains(wanted)) {
            return;
        }
        Matcher uris = Pattern.compile("\"redirectUris\"\\s*:\\s*\\[").matcher(client);
        if (!uris.find()) {
            throw new IllegalStateException("client " + clientId + " has no redirectUris");
        }
        String updated = client.substring(0, uris.end()) + wanted + (client.charAt(uris.end()) == ']' ? "" : ",") + client.substring(uris.end());
        send(http, HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/anaiss/clients/" + id))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(updated)).build());
        System.err.println("Keycloak: " + clientId + " may now send people back to " + origin);
    }

    static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered " + r.statusCode());
        }
        return r.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in Keycloak's answer");
        }
        return m.group(1);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? def : v;
    }
}
