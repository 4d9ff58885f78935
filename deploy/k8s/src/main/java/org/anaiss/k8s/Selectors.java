package org.anaiss.k8s;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

/** Kubernetes label-selector semantics, for reasoning about NetworkPolicies without a cluster. */
final class Selectors {

    private Selectors() {
    }

    /** Whether the selector selects an object with these labels (a null selector selects nothing, an empty one all). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String v = labels.get(r.getKey());
                List<String> values = r.getValues() == null ? List.of() : r.getValues();
                boolean ok = switch (r.getOperator()) {
                    case "In" -> v != null && values.contains(v);
                    case "NotIn" -> v == null || !values.contains(v);
                    case "Exists" -> v != null;
                    case "DoesNotExist" -> v == null;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isEmpty(LabelSelector selector) {
        return selector != null && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    /**
     * Whether the selector can only select objects that carry all of {@code required}: each required label
     * is pinned by matchLabels, or by an In expression whose only value is the required one.
     */
    static boolean pins(LabelSelector selector, Map<String, String> required) {
        if (selector == null) {
            return false;
        }
        for (Map.Entry<String, String> e : required.entrySet()) {
            boolean pinned = selector.getMatchLabels() != null && e.getValue().equals(selector.getMatchLabels().get(e.getKey()));
            if (!pinned && selector.getMatchExpressions() != null) {
                pinned = selector.getMatchExpressions().stream().anyMatch(r -> r.getKey().equals(e.getKey())
                        && "In".equals(r.getOperator()) && List.of(e.getValue()).equals(r.getValues()));
            }
            if (!pinned) {
                return false;
            }
        }
        return true;
    }
}
