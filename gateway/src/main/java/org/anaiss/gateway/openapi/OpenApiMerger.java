package org.anaiss.gateway.openapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Merges the services' OpenAPI documents into one for the whole API, as the gateway exposes it:
 * <ul>
 * <li>only the paths each service serves through the gateway;</li>
 * <li>components renamed {@code <service>.<name>} (two services may both have a {@code Problem}),
 * every {@code $ref} rewritten to match, tags prefixed with the service's label;</li>
 * <li>one security scheme, the bearer token of the Keycloak realm, and on each operation the roles it
 * needs (from the services' own security requirements, which SmallRye OpenAPI derives from
 * {@code @RolesAllowed}), also as {@code x-roles} and in the description; the public links as public;</li>
 * <li>a service whose document could not be fetched is listed as missing, and the rest still served.</li>
 * </ul>
 */
public final class OpenApiMerger {

    public static final String SCHEME = "keycloak";
    private static final String REF_PREFIX = "#/components/";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** Whether a service's document is the latest, an older one (the last fetch failed), or absent. */
    public enum Status { CURRENT, STALE, MISSING }

    /** One service's document, with the path prefixes the gateway forwards to it. */
    public record Source(String service, String label, List<String> prefixes, JsonObject document, Status status,
            Instant fetchedAt) {
    }

    public record Settings(String title, String version, String oidcDiscoveryUrl, List<String> publicPrefixes) {
    }

    private OpenApiMerger() {
    }

    public static JsonObject merge(List<Source> sources, Settings settings) {
        JsonObject components = new JsonObject();
        JsonObject paths = new JsonObject();
        JsonArray tags = new JsonArray();
        JsonArray services = new JsonArray();
        List<String> missing = new ArrayList<>();
        for (Source source : sources) {
            JsonObject entry = new JsonObject().put("name", source.service())
                    .put("status", source.status().name().toLowerCase())
                    .put("paths", new JsonArray(source.prefixes()));
            if (source.fetchedAt() != null) {
                entry.put("fetchedAt", source.fetchedAt().toString());
            }
            services.add(entry);
            if (source.document() == null) {
                missing.add(source.service());
                continue;
            }
            addService(source, settings, components, paths, tags);
        }
        components.put("securitySchemes", new JsonObject().put(SCHEME, new JsonObject()
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT")
                .put("description", "An access token of the ANAISS Keycloak realm (OpenID Connect discovery: "
                        + settings.oidcDiscoveryUrl() + "). Each operation lists the realm roles it needs.")));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject()
                        .put("title", settings.title())
                        .put("version", settings.version())
                        .put("description", description(missing)))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")
                        .put("description", "This gateway: the one public entry point of the API")))
                .put("security", new JsonArray().add(new JsonObject().put(SCHEME, new JsonArray())))
                .put("tags", tags)
                .put("paths", paths)
                .put("components", components)
                .put("x-anaiss-services", services);
    }

    private static String description(List<String> missing) {
        String text = "The whole ANAISS API as the gateway serves it, merged from the services' own documents. "
                + "Every call needs a bearer token of the Keycloak realm, except the public links mailed to people "
                + "(answers to offers, registrations), which carry a single-use token in their path. Limits per "
                + "client (429 with Retry-After), body sizes (413) and timeouts (502/503/504) are the gateway's.";
        if (!missing.isEmpty()) {
            text += "\n\n**Missing right now** (their documents could not be fetched; their operations are not listed): "
                    + String.join(", ", missing) + ".";
        }
        return text;
    }

    private static void addService(Source source, Settings settings, JsonObject components, JsonObject paths, JsonArray tags) {
        String namespace = source.service() + ".";
        JsonObject document = source.document().copy();
        rewriteRefs(document, namespace);
        JsonObject ownComponents = document.getJsonObject("components", new JsonObject());
        for (String kind : ownComponents.fieldNames()) {
            if ("securitySchemes".equals(kind) || !(ownComponents.getValue(kind) instanceof JsonObject entries)) {
                continue;
            }
            JsonObject target = components.getJsonObject(kind);
            if (target == null) {
                target = new JsonObject();
                components.put(kind, target);
            }
            for (Map.Entry<String, Object> entry : entries) {
                target.put(namespace + entry.getKey(), entry.getValue());
            }
        }
        JsonArray ownTags = document.getJsonArray("tags", new JsonArray());
        for (Object tag : ownTags) {
            if (tag instanceof JsonObject t && t.getString("name") != null) {
                JsonObject renamed = t.copy().put("name", tagName(source, t.getString("name")));
                tags.add(renamed);
            }
        }
        boolean untaggedSeen = false;
        JsonObject ownPaths = document.getJsonObject("paths", new JsonObject());
        for (String path : ownPaths.fieldNames()) {
            if (!servedThroughGateway(path, source.prefixes())) {
                continue;
            }
            JsonObject item = ownPaths.getJsonObject(path);
            boolean isPublic = servedThroughGateway(path, settings.publicPrefixes());
            for (String method : item.fieldNames()) {
                if (METHODS.contains(method) && item.getValue(method) instanceof JsonObject operation) {
                    untaggedSeen |= adjustOperation(source, operation, isPublic);
                }
            }
            paths.put(path, item);
        }
        if (untaggedSeen) {
            tags.add(new JsonObject().put("name", source.label()));
        }
    }

    /** Returns true when the operation had no tag and got the service's label as its only one. */
    private static boolean adjustOperation(Source source, JsonObject operation, boolean isPublic) {
        boolean untagged = false;
        JsonArray ownTags = operation.getJsonArray("tags");
        if (ownTags == null || ownTags.isEmpty()) {
            operation.put("tags", new JsonArray().add(source.label()));
            untagged = true;
        } else {
            JsonArray renamed = new JsonArray();
            ownTags.forEach(t -> renamed.add(tagName(source, String.valueOf(t))));
            operation.put("tags", renamed);
        }
        if (operation.getString("operationId") != null) {
            operation.put("operationId", source.service() + "." + operation.getString("operationId"));
        }
        String note;
        if (isPublic) {
            operation.put("security", new JsonArray());
            operation.put("x-roles", new JsonArray());
            operation.put("x-public", true);
            note = "**Public:** no bearer token; the single-use token in the link is checked by the service.";
        } else {
            Set<String> roles = roles(operation.getJsonArray("security"));
            operation.put("security", new JsonArray().add(new JsonObject().put(SCHEME, new JsonArray(new ArrayList<>(roles)))));
            operation.put("x-roles", new JsonArray(new ArrayList<>(roles)));
            note = roles.isEmpty() ? "**Roles:** any valid token."
                    : "**Roles:** " + String.join(", ", roles.stream().map(r -> "`" + r + "`").toList()) + ".";
        }
        String description = operation.getString("description");
        operation.put("description", description == null || description.isBlank() ? note : description + "\n\n" + note);
        return untagged;
    }

    /** The roles of every requirement the service declared, whatever its scheme was called there. */
    private static Set<String> roles(JsonArray security) {
        Set<String> roles = new LinkedHashSet<>();
        if (security == null) {
            return roles;
        }
        for (Object requirement : security) {
            if (requirement instanceof JsonObject r) {
                for (Map.Entry<String, Object> scheme : r) {
                    if (scheme.getValue() instanceof JsonArray names) {
                        names.forEach(n -> roles.add(String.valueOf(n)));
                    }
                }
            }
        }
        return roles;
    }

    private static String tagName(Source source, String tag) {
        return source.label() + " - " + tag;
    }

    private static boolean servedThroughGateway(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Rewrites {@code #/components/<kind>/<name>} into {@code #/components/<kind>/<namespace><name>}, everywhere. */
    static void rewriteRefs(Object node, String namespace) {
        if (node instanceof JsonObject object) {
            for (Map.Entry<String, Object> entry : object) {
                Object value = entry.getValue();
                if ("$ref".equals(entry.getKey()) && value instanceof String ref) {
                    entry.setValue(renamed(ref, namespace));
                } else if ("mapping".equals(entry.getKey()) && value instanceof JsonObject mapping) {
                    // discriminator mappings hold references as plain values
                    for (Map.Entry<String, Object> m : mapping) {
                        if (m.getValue() instanceof String ref) {
                            m.setValue(renamed(ref, namespace));
                        }
                    }
                } else {
                    rewriteRefs(value, namespace);
                }
            }
        } else if (node instanceof JsonArray array) {
            for (Object item : array) {
                rewriteRefs(item, namespace);
            }
        }
    }

    private static String renamed(String ref, String namespace) {
        if (!ref.startsWith(REF_PREFIX)) {
            return ref;
        }
        int slash = ref.indexOf('/', REF_PREFIX.length());
        if (slash < 0) {
            return ref;
        }
        return ref.substring(0, slash + 1) + namespace + ref.substring(slash + 1);
    }
}
