package org.anaiss.outreach;

import org.anaiss.platform.architecture.ServiceLayers;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

/**
 * Layers lean one way: rest → service → repository → domain, events beside service (the rules are written
 * once, in platform/architecture). The violations that existed when a rule was written are frozen in
 * src/test/resources/archunit_store (ArchUnit's FreezingArchRule): a new one fails the build, a removed one
 * leaves the store for good.
 */
class LayerDependenciesTest {

    private static final ServiceLayers LAYERS = new ServiceLayers("outreach");
    private static final JavaClasses CLASSES = LAYERS.classes();

    @Test
    void nothingBelowTheRestLayerImportsIt() {
        FreezingArchRule.freeze(LAYERS.nothingBelowTheRestLayerImportsIt()).check(CLASSES);
    }

    @Test
    void eventsNeverImportRestTypes() {
        LAYERS.eventsNeverImportRestTypes().check(CLASSES);
    }

    @Test
    void onlyRepositoriesReachTheDatabase() {
        // frozen: outreach's services still run SQL through the Sql helper and call entities' active-record methods
        FreezingArchRule.freeze(LAYERS.onlyRepositoriesReachTheDatabase()).check(CLASSES);
    }
}
