package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The images the build makes with Jib (parent pom.xml, profile images) are the images the Deployments run: same
 * names, the project's version as the dev tag, the same user, port and writable directory; each service builds
 * an image and an SBOM. Building the images needs their base (deploy/images/base-image.sh) and takes minutes:
 * deploy/images/build.sh does it, and deploy/images/run-image.sh runs one as Kubernetes would.
 */
class ImagesTest {

    private static final Document PARENT = xml("pom.xml");

    @Test
    void jibBuildsTheFastJarLayoutAsUser185OnPort8080() {
        Element jib = plugin("jib-maven-plugin");
        assertThat(text(jib, "configuration/to/image")).isEqualTo("${anaiss.image.registry}/${project.artifactId}:${anaiss.image.tag}");
        assertThat(text(jib, "configuration/container/format")).isEqualTo("OCI");
        assertThat(text(jib, "configuration/container/user")).isEqualTo("185:185");
        assertThat(texts(jib, "configuration/container/ports/port")).containsExactly("8080");
        assertThat(texts(jib, "configuration/container/entrypoint/arg")).startsWith("java")
                .contains("-Djava.io.tmpdir=/tmp").endsWith("-jar", "/deployments/quarkus-run.jar");
        assertThat(texts(jib, "configuration/extraDirectories/paths/path/from")).contains("${project.build.directory}/quarkus-app");
        assertThat(texts(jib, "configuration/extraDirectories/paths/path/into")).contains("/deployments", "/deployments/sbom");
        // a tarball by default (no Docker, no registry), pushed only by the images-push profile
        assertThat(property("anaiss.image.goal")).isEqualTo("buildTar");
        assertThat(property("anaiss.image.phase")).isEqualTo("none");
        assertThat(property("anaiss.image.tag")).isEqualTo("${project.version}");
    }

    @Test
    void everyServiceBuildsAnImageAndAnSbom() {
        for (String service : Policies.SERVICES) {
            Document pom = xml(service + "/pom.xml");
            assertThat(build(pom, "jib-maven-plugin")).as(service + " declares jib-maven-plugin").isNotNull();
            assertThat(build(pom, "cyclonedx-maven-plugin")).as(service + " declares cyclonedx-maven-plugin").isNotNull();
            assertThat(Rendered.REPO.resolve(service).resolve("src/main/docker")).as("no Dockerfile beside Jib").doesNotExist();
        }
        // the SBOM is made with the image (and by -Psbom), not by every verify
        assertThat(text(plugin("cyclonedx-maven-plugin"), "executions/execution/phase")).isEqualTo("${anaiss.sbom.phase}");
        assertThat(property("anaiss.sbom.phase")).isEqualTo("none");
    }

    /** The Deployments run ghcr.io/anaiss/<service>, as Jib names it; dev runs the version being built. */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theDeploymentsRunTheImagesJibBuilds(String overlay) {
        String registry = property("anaiss.image.registry");
        String version = text(PARENT.getDocumentElement(), "version");
        for (String service : Policies.SERVICES) {
            PodSpec pod = Rendered.find(Rendered.manifests(overlay), "Deployment", service).as(Deployment.class)
                    .getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            String image = c.getImage();
            assertThat(image).startsWith(registry + "/" + service + ":");
            if (overlay.equals("dev")) {
                assertThat(image).isEqualTo(registry + "/" + service + ":" + version);
            }
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(185L);
            assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(185L);
            assertThat(c.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            // the one place the image writes to (java.io.tmpdir) is a volume
            assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        }
    }

    /** The base made from Debian packages has the user the image runs as, and /tmp for it. */
    @Test
    void theBaseImageHasUser185AndATmpDirectory() throws Exception {
        String script = Files.readString(Rendered.REPO.resolve("deploy/images/base-image.sh"));
        assertThat(script).contains("anaiss:x:185:185:", "\"User\":\"185:185\"", "chmod 1777 \"$root/tmp\"", "openjdk-17-jre-headless");
        assertThat(property("anaiss.image.base")).isEqualTo("tar://${user.home}/.cache/anaiss/images/anaiss-jre17-base.tar");
    }

    // ------------------------------------------------------------------ helpers

    private static String property(String name) {
        return text(PARENT.getDocumentElement(), "properties/" + name);
    }

    private static Element plugin(String artifactId) {
        for (Element p : children(PARENT.getDocumentElement(), "build/pluginManagement/plugins/plugin")) {
            if (artifactId.equals(text(p, "artifactId"))) {
                return p;
            }
        }
        throw new AssertionError("no " + artifactId + " in the parent's pluginManagement");
    }

    private static Element build(Document pom, String artifactId) {
        for (Element p : children(pom.getDocumentElement(), "build/plugins/plugin")) {
            if (artifactId.equals(text(p, "artifactId"))) {
                return p;
            }
        }
        return null;
    }

    private static Document xml(String path) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Rendered.REPO.resolve(path).toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** The elements at a path of child names, e.g. build/plugins/plugin. */
    private static List<Element> children(Element from, String path) {
        List<Element> current = List.of(from);
        for (String name : path.split("/")) {
            List<Element> next = new ArrayList<>();
            for (Element e : current) {
                NodeList nodes = e.getChildNodes();
                for (int i = 0; i < nodes.getLength(); i++) {
                    Node n = nodes.item(i);
                    if (n instanceof Element child && child.getTagName().equals(name)) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static List<String> texts(Element from, String path) {
        return children(from, path).stream().map(e -> e.getTextContent().trim()).toList();
    }

    private static String text(Element from, String path) {
        List<String> all = texts(from, path);
        assertThat(all).as(path).hasSize(1);
        return all.get(0);
    }

}
