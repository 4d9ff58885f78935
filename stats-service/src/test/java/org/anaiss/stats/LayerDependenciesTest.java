package org.anaiss.stats;

import org.anaiss.platform.architecture.ServiceLayers;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * Layers lean one way: rest → service → repository → domain, events beside service (the rules are written
 * once, in platform/architecture). Every rule holds with no exception: a violation fails the build.
 */
class LayerDependenciesTest {

    private static final ServiceLayers LAYERS = new ServiceLayers("stats");
    private static final JavaClasses CLASSES = LAYERS.classes();

    @Test
    void nothingBelowTheRestLayerImportsIt() {
        LAYERS.nothingBelowTheRestLayerImportsIt().check(CLASSES);
    }

    @Test
    void repositoriesAndDomainDependOnNothingAbove() {
        LAYERS.repositoriesAndDomainDependOnNothingAbove().check(CLASSES);
    }

    @Test
    void eventsNeverImportRestTypes() {
        LAYERS.eventsNeverImportRestTypes().check(CLASSES);
    }

    @Test
    void onlyRepositoriesReachTheDatabase() {
        LAYERS.onlyRepositoriesReachTheDatabase().check(CLASSES);
    }
}
