package org.anaiss.gateway.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The bundles say everything the pages say, in both languages. */
class MessagesTest {

    private static final Pattern KEY_IN_TEMPLATE = Pattern.compile("ctx\\.(?:t|f)\\('([a-zA-Z.\\-]+)'");
    private static final Pattern KEY_IN_CODE = Pattern.compile("\"((?:[a-z]+[A-Z]?[a-zA-Z]*)\\.[a-zA-Z.\\-]+)\"");

    @Test
    void frenchAndEnglishHaveTheSameKeys() {
        assertThat(Messages.of("en").texts().stringPropertyNames()).isEqualTo(Messages.of("fr").texts().stringPropertyNames());
    }

    @Test
    void everyKeyThePagesUseIsInTheBundles() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/templates/web"))) {
            for (Path t : templates.toList()) {
                Matcher m = KEY_IN_TEMPLATE.matcher(Files.readString(t));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        StringBuilder code = new StringBuilder();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/org/anaiss/gateway/web/pages"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                code.append(Files.readString(source));
            }
        }
        Matcher m = KEY_IN_CODE.matcher(code);
        while (m.find()) {
            String key = m.group(1);
            // a key's prefix completed at run time ("case.history.step." + kind) is checked where it is built
            if (!key.startsWith("anaiss.") && !key.startsWith("quarkus.") && !key.contains("/") && !key.endsWith(".")) {
                used.add(key);
            }
        }
        assertThat(used).hasSizeGreaterThan(60);
        Messages fr = Messages.of("fr");
        assertThat(used).allSatisfy(key -> assertThat(fr.has(key)).as("messages_fr.properties has " + key).isTrue());
    }

    @Test
    void everyConfirmationOfThePublicPagesAndEveryReasonOfAnOfferIsWordedInBothLanguages() {
        for (String lang : Messages.LANGUAGES) {
            Messages m = Messages.of(lang);
            for (String what : PublicPages.DONE) {
                for (String part : new String[] { "title", "text", "next" }) {
                    assertThat(m.has("public.done." + what + "." + part)).as(lang + ": public.done." + what + "." + part).isTrue();
                }
            }
            for (String reason : new String[] { "SICK_LEAVE_90_DAYS", "HOSPITAL_DISCHARGE", "DISABILITY_PENSION", "WORK_UNFITNESS_RISK",
                    "OTHER" }) {
                assertThat(m.has("public.reason." + reason)).as(lang + ": public.reason." + reason).isTrue();
            }
        }
        assertThat(Messages.of("fr").format("public.session.seatsLeft", 1)).isEqualTo("1 place restante");
        assertThat(Messages.of("fr").format("public.session.seatsLeft", 3)).isEqualTo("3 places restantes");
    }

    @Test
    void frenchIsTheDefault() {
        assertThat(Messages.of("de").language()).isEqualTo("fr");
        assertThat(Messages.of("en").get("nav.mine")).isEqualTo("My cases");
        assertThat(Messages.of("fr").format("case.title", "Dupont", "Marie")).isEqualTo("Dossier de Dupont Marie");
    }
}
