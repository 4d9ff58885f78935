package org.anaiss.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The overlays rendered once per test run (kubectl kustomize takes a few hundred milliseconds each). */
final class Rendered {

    static final List<String> OVERLAYS = List.of("dev", "prod");

    /** deploy/k8s, wherever the tests run from (Maven runs them in the module's directory). */
    static final Path MODULE = module();
    static final Path REPO = MODULE.resolve("../..").normalize();

    private static final Map<String, String> YAML = new ConcurrentHashMap<>();
    private static final Map<String, List<Manifest>> MANIFESTS = new ConcurrentHashMap<>();

    private Rendered() {
    }

    /**
     * An overlay as committed ("dev", "prod"), or "dev-ingress"/"prod-ingress": the same overlay with the Ingress
     * component instead of the Gateway API one, the swap the README describes (one line of the overlay).
     */
    static String yaml(String overlay) {
        return YAML.computeIfAbsent(overlay, o -> Kustomize.render(o.endsWith("-ingress") ? ingressVariant(o) : MODULE.resolve("overlays").resolve(o)));
    }

    /** Copies the overlay into target/variants/<name> (one level deeper: paths get one more ../), edge swapped. */
    private static Path ingressVariant(String name) {
        String overlay = name.substring(0, name.length() - "-ingress".length());
        Path source = MODULE.resolve("overlays").resolve(overlay);
        Path target = MODULE.resolve("target/variants").resolve(name);
        try {
            Files.createDirectories(target);
            try (var files = Files.list(source)) {
                for (Path f : files.toList()) {
                    String text = Files.readString(f);
                    if (f.getFileName().toString().equals("kustomization.yaml")) {
                        if (!text.contains("- ../../components/gateway-api")) {
                            throw new IllegalStateException(source + " does not use components/gateway-api");
                        }
                        text = text.replace("- ../../components/gateway-api", "- ../../components/ingress").replace("../../", "../../../");
                    }
                    Files.writeString(target.resolve(f.getFileName()), text);
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write the variant " + target, e);
        }
        return target;
    }

    /** The overlay, every object strictly parsed (fails on the first overlay object that does not parse). */
    static List<Manifest> manifests(String overlay) {
        return MANIFESTS.computeIfAbsent(overlay, o -> StrictParser.parseAll(yaml(o)));
    }

    /** Fresh, mutable copies of the overlay's trees, for tests that break a manifest on purpose. */
    static List<ObjectNode> trees(String overlay) {
        List<ObjectNode> copies = new ArrayList<>();
        for (Manifest m : manifests(overlay)) {
            copies.add(m.json().deepCopy());
        }
        return copies;
    }

    static List<Manifest> parse(List<ObjectNode> trees) {
        List<Manifest> out = new ArrayList<>();
        for (ObjectNode t : trees) {
            out.add(StrictParser.parse(t));
        }
        return out;
    }

    static Manifest find(List<Manifest> manifests, String kind, String name) {
        return manifests.stream().filter(m -> m.is(kind, name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in the rendering"));
    }

    static ObjectNode findTree(List<ObjectNode> trees, String kind, String name) {
        return trees.stream()
                .filter(t -> kind.equals(t.path("kind").asText()) && name.equals(t.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    private static Path module() {
        Path here = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        if (Files.isDirectory(here.resolve("overlays"))) {
            return here;
        }
        Path fromRoot = here.resolve("deploy/k8s");
        if (Files.isDirectory(fromRoot.resolve("overlays"))) {
            return fromRoot;
        }
        throw new IllegalStateException("run the tests from deploy/k8s (or the repository root): " + here);
    }
}
