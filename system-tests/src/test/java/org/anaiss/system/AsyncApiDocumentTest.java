package org.anaiss.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * docs/asyncapi.yaml (AsyncAPI 3) against the repository: it parses, every reference inside it resolves, every
 * message points at a producer's JSON Schema that exists, every topic of deploy/local/kafka/topics.txt is a
 * channel and every producer schema is a message. No server needed.
 */
class AsyncApiDocumentTest {

    private static final Path ROOT = Path.of(System.getProperty("anaiss.root", "..")).toAbsolutePath().normalize();
    private static final Path DOCUMENT = ROOT.resolve("docs/asyncapi.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode doc;

    @BeforeAll
    static void parse() throws IOException {
        doc = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    }

    @Test
    void itIsAnAsyncApi3DocumentWithChannelsOperationsAndMessages() {
        assertThat(doc.path("asyncapi").asText()).startsWith("3.");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
        assertThat(doc.path("channels").size()).isPositive();
        assertThat(doc.path("operations").size()).isPositive();
        doc.path("operations").properties().forEach(op -> {
            assertThat(op.getValue().path("action").asText()).as(op.getKey()).isIn("send", "receive");
            assertThat(op.getValue().path("channel").path("$ref").asText()).as(op.getKey()).startsWith("#/channels/");
        });
    }

    @Test
    void everyLocalReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        List<String> local = refs.stream().filter(r -> r.startsWith("#/")).toList();
        assertThat(local).hasSizeGreaterThan(10);
        for (String ref : local) {
            assertThat(doc.at(ref.substring(1).replace("~1", "/")).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void everyMessageReferencesAnExistingProducerSchema() throws IOException {
        JsonNode messages = doc.path("components").path("messages");
        assertThat(messages.size()).isEqualTo(6);
        for (var message : messages.properties()) {
            JsonNode payload = message.getValue().path("payload");
            assertThat(payload.path("schemaFormat").asText()).as(message.getKey()).contains("2020-12");
            String ref = payload.path("schema").path("$ref").asText();
            Path schema = DOCUMENT.getParent().resolve(ref).normalize();
            assertThat(schema).as(message.getKey() + " -> " + ref).isRegularFile();
            assertThat(ROOT.relativize(schema).toString()).as(ref).matches("[a-z-]+-service/src/main/resources/schemas/[a-z-]+\\.v\\d+\\.json");
            JsonNode json = JSON.readTree(schema.toFile());
            assertThat(json.path("$schema").asText()).as(ref).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(json.path("$id").asText()).as(ref).isNotBlank();
            // the schema's version is the message's: offer-accepted.v1.json describes ...OfferAccepted.v1
            String version = schema.getFileName().toString().replaceAll(".*\\.(v\\d+)\\.json", "$1");
            assertThat(message.getValue().path("name").asText()).as(message.getKey()).contains("." + version);
            JsonNode type = json.path("properties").path("type").path("const");
            if (!type.isMissingNode()) {
                assertThat(message.getValue().path("name").asText()).as(message.getKey()).startsWith(type.asText());
            }
        }
    }

    @Test
    void everyTopicIsAChannelAndEveryProducerSchemaAMessage() throws IOException {
        Set<String> topics = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/local/kafka/topics.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                topics.add(line.trim().split("\\s+")[0]);
            }
        }
        Set<String> addresses = new TreeSet<>();
        doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        assertThat(addresses).isEqualTo(topics);

        Set<String> referenced = new TreeSet<>();
        doc.path("components").path("messages")
                .forEach(m -> referenced.add(DOCUMENT.getParent().resolve(m.path("payload").path("schema").path("$ref").asText()).normalize().toString()));
        Set<String> schemas = new TreeSet<>();
        for (String service : List.of("case-service", "outreach-service", "stats-service")) {
            Path dir = ROOT.resolve(service).resolve("src/main/resources/schemas");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.toString().endsWith(".json")).forEach(f -> schemas.add(f.normalize().toString()));
                }
            }
        }
        assertThat(referenced).isEqualTo(schemas);
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }
}
