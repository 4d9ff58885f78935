package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole chain, files to verdict, on a copy of the manifests broken on purpose. */
class KustomizeTest {

    @TempDir
    Path tmp;

    private Path copyOfTheManifests() throws IOException {
        for (String dir : new String[] { "base", "components", "overlays" }) {
            Path from = Rendered.MODULE.resolve(dir);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = tmp.resolve(dir).resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
        }
        return tmp;
    }

    @Test
    void aTypoInACommittedManifestFailsTheCheck() throws IOException {
        Path copy = copyOfTheManifests();
        Path gateway = copy.resolve("base/apps/gateway.yaml");
        Files.writeString(gateway, Files.readString(gateway).replace("revisionHistoryLimit: 5", "revisionHistoryLimit: 5\n  replicaz: 2"));

        String yaml = Kustomize.render(copy.resolve("overlays/prod"));

        assertThatThrownBy(() -> StrictParser.parseAll(yaml)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("apps/v1 Deployment gateway").hasMessageContaining("replicaz");
    }

    @Test
    void aRealmFileReorderedUnderTheProdPatchFailsTheRendering() throws IOException {
        Path copy = copyOfTheManifests();
        Path realm = copy.resolve("base/keycloak/realm-import.yaml");
        // the prod patch removes clients by index, guarded by a test of their ids
        Files.writeString(realm, Files.readString(realm).replace("\"clientId\": \"anaiss-test\"", "\"clientId\": \"renamed\""));

        assertThatThrownBy(() -> Kustomize.render(copy.resolve("overlays/prod")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kustomize")
                .hasMessageContaining("/spec/realm/clients/1/clientId");
    }

    @Test
    void kubectlIsFoundOrTheErrorSaysWhatToInstall() {
        assertThat(Kustomize.findOnPath("no-such-binary-anaiss-k8s")).isEmpty();
        assertThat(Kustomize.kubectl()).isExecutable();
        assertThatThrownBy(() -> Kustomize.render(tmp.resolve("missing"))).isInstanceOf(IllegalArgumentException.class);
    }
}
