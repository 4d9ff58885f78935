package org.anaiss.k8s;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One rendered object: its raw tree and, once {@link StrictParser} accepted it, its typed model
 * (a fabric8 or Strimzi class, or the tree itself for the kinds checked by a schema).
 */
public record Manifest(ObjectNode json, Object model) {

    public String apiVersion() {
        return json.path("apiVersion").asText();
    }

    public String kind() {
        return json.path("kind").asText();
    }

    public String name() {
        return json.path("metadata").path("name").asText();
    }

    public String namespace() {
        return json.path("metadata").path("namespace").asText(null);
    }

    /** apiVersion/kind, the key of the type registry, e.g. {@code apps/v1/Deployment}. */
    public String type() {
        return apiVersion() + "/" + kind();
    }

    public Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>();
        json.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    public JsonNode spec() {
        return json.path("spec");
    }

    @SuppressWarnings("unchecked")
    public <T> T as(Class<T> type) {
        if (!type.isInstance(model)) {
            throw new IllegalStateException(this + " is not a " + type.getName());
        }
        return (T) model;
    }

    public boolean is(String kind, String name) {
        return kind().equals(kind) && name().equals(name);
    }

    @Override
    public String toString() {
        return kind() + "/" + name();
    }
}
