package org.anaiss.outreach;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

/**
 * Layers lean one way: rest → service → repository → domain, events beside service. Nothing below the REST layer
 * imports a type of {@code rest} (its resources, its API records, its parameter parsing). The dependencies that
 * existed when this rule was written are frozen in src/test/resources/archunit_store (ArchUnit's FreezingArchRule):
 * a new one fails the build, a removed one leaves the store for good.
 */
class LayerDependenciesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.anaiss.outreach");

    @Test
    void nothingBelowTheRestLayerImportsIt() {
        ArchRule rule = noClasses().that().resideInAnyPackage("..outreach.service..", "..outreach.repository..",
                "..outreach.events..", "..outreach.domain..")
                .should().dependOnClassesThat().resideInAPackage("..outreach.rest..")
                .because("services return their own results and raise exceptions the REST layer maps (issue 16)");
        FreezingArchRule.freeze(rule).check(CLASSES);
    }

    @Test
    void eventsNeverImportRestTypes() {
        ArchRule rule = noClasses().that().resideInAPackage("..outreach.events..")
                .should().dependOnClassesThat().resideInAPackage("..outreach.rest..")
                .because("an event's contract is its JSON Schema, not a REST record or validator");
        rule.check(CLASSES);
    }
}
