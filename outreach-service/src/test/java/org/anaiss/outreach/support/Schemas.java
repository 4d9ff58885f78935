package org.anaiss.outreach.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** Checks an event against the producer's JSON Schema file (src/main/resources/schemas). */
public final class Schemas {

    private Schemas() {
    }

    public static List<String> errors(String schemaFile, String json) {
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + schemaFile)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text, InputFormat.JSON);
            return schema.validate(json, InputFormat.JSON).stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
