package org.anaiss.cases.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** JSON Schemas of the event contracts, read from the producing module's sources. */
public final class Schemas {

    private Schemas() {
    }

    /** @param relative a path from the repository root, e.g. "outreach-service/src/main/resources/schemas/x.json" */
    public static Schema load(String relative) {
        Path path = Path.of("..").resolve(relative);
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(path), InputFormat.JSON);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the schema " + path.toAbsolutePath(), e);
        }
    }

    public static List<String> errors(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
