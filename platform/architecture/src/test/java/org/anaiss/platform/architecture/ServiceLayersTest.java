package org.anaiss.platform.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;

/** The rules see what they are written to see, in a sample service (src/test/java/org/anaiss/sample). */
class ServiceLayersTest {

    private final ServiceLayers layers = new ServiceLayers("sample");

    @Test
    void aServiceThatGoesAroundItsRepositoryIsCaughtEachTime() {
        EvaluationResult result = layers.onlyRepositoriesReachTheDatabase()
                // the sample lives in the test classes, which classes() leaves out
                .evaluate(new ClassFileImporter().importPackages("org.anaiss.sample"));
        List<String> violations = result.getFailureReport().getDetails();
        assertThat(violations).hasSize(3);
        assertThat(violations).anyMatch(v -> v.contains("ThingService.staticFinder") && v.contains("Thing.findById"));
        assertThat(violations).anyMatch(v -> v.contains("ThingService.activeRecord") && v.contains("Thing.persist"));
        assertThat(violations).anyMatch(v -> v.contains("ThingService") && v.contains("SqlClient.preparedQuery"));
        assertThat(violations).noneMatch(v -> v.contains("ThingRepository") || v.contains("Thing.label"));
    }

    @Test
    void aRepositoryThatReachesUpIsCaughtAndAServiceThatReachesDownIsNot() {
        EvaluationResult result = layers.repositoriesAndDomainDependOnNothingAbove()
                .evaluate(new ClassFileImporter().importPackages("org.anaiss.sample"));
        List<String> violations = result.getFailureReport().getDetails();
        assertThat(violations).isNotEmpty();
        assertThat(violations).allMatch(v -> v.contains("PeriodRepository") && v.contains("ThingPeriod"));
    }
}
