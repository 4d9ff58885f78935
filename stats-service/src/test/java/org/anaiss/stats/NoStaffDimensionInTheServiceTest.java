package org.anaiss.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The refused dimensions exist nowhere in the service: not in its code, comments, messages, SQL or
 * resources (the same check as the project's hook, so the build fails before a commit would).
 */
class NoStaffDimensionInTheServiceTest {

    private static final List<String> WORDS = List.of("worker", "team", "assignee", "socialworker");

    @Test
    void noSourceOrResourceOfTheServiceNamesStaffOrUnits() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).isNotEmpty();
            for (Path file : all) {
                String text = Files.readString(file).toLowerCase(Locale.ROOT);
                for (String word : WORDS) {
                    assertThat(text).as(file + " contains '" + word + "'").doesNotContain(word);
                }
                assertThat(file.toString().toLowerCase(Locale.ROOT)).doesNotContain("team").doesNotContain("worker");
            }
        }
    }
}
