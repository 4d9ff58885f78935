package org.anaiss.stats.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Resources of every @QuarkusTest of this module: one database of its own per run. */
@QuarkusTestResource(TestDatabase.class)
public final class TestResources {

    private TestResources() {
    }
}
