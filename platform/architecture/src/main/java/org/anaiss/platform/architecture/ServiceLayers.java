package org.anaiss.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * The layers of a service, checked by its tests: rest → service → repository → domain, events beside
 * service. Written once so that every service is held to the same rules, with no exception.
 *
 * @param name the service's short package name ({@code cases} for {@code org.anaiss.cases})
 */
public record ServiceLayers(String name) {

    /** The service's production classes (tests excluded). */
    public JavaClasses classes() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.anaiss." + name);
    }

    /** Services return their own results and raise exceptions that the REST layer maps. */
    public ArchRule nothingBelowTheRestLayerImportsIt() {
        return noClasses().that().resideInAnyPackage(".." + name + ".service..", ".." + name + ".repository..",
                ".." + name + ".events..", ".." + name + ".domain..")
                .should().dependOnClassesThat().resideInAPackage(".." + name + ".rest..")
                .because("services return their own results and raise exceptions the REST layer maps (issue 16)");
    }

    /** Repositories and entities are the bottom layers: they know nothing of the use cases, events or API above them. */
    public ArchRule repositoriesAndDomainDependOnNothingAbove() {
        return noClasses().that().resideInAnyPackage(".." + name + ".repository..", ".." + name + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(".." + name + ".service..", ".." + name + ".events..",
                        ".." + name + ".rest..")
                .because("the layers lean one way: rest → service → repository → domain");
    }

    /** An event's contract is its JSON Schema. */
    public ArchRule eventsNeverImportRestTypes() {
        return noClasses().that().resideInAPackage(".." + name + ".events..")
                .should().dependOnClassesThat().resideInAPackage(".." + name + ".rest..")
                .because("an event's contract is its JSON Schema, not a REST record or validator");
    }

    /**
     * One way to the database: only repositories call an entity's active-record methods (static finders,
     * persist, delete), a Hibernate session's queries or a Vert.x SQL client.
     */
    public ArchRule onlyRepositoriesReachTheDatabase() {
        return ArchRuleDefinition.classes().that().resideOutsideOfPackage(".." + name + ".repository..")
                .should(NOT_REACH_THE_DATABASE)
                .because("a service has one way to its database, its repositories (issue 16)");
    }

    /** The methods PanacheEntityBase declares (static finders and instance persistence alike). */
    private static final Set<String> ACTIVE_RECORD = Set.of("find", "findAll", "findById", "list", "listAll", "stream", "streamAll",
            "count", "delete", "deleteAll", "deleteById", "update", "persist", "persistAndFlush", "flush", "isPersistent",
            "getSession");
    /** Vert.x SQL clients (pool, connection, transaction's connection), in every API flavour. */
    private static final List<String> SQL_CLIENTS = List.of("io.vertx.sqlclient.", "io.vertx.mutiny.sqlclient.",
            "io.vertx.pgclient.", "io.vertx.mutiny.pgclient.");
    private static final String HIBERNATE_REACTIVE = "org.hibernate.reactive.mutiny.Mutiny$";
    private static final String PANACHE = "io.quarkus.hibernate.reactive.panache.Panache";

    private static final ArchCondition<JavaClass> NOT_REACH_THE_DATABASE = new ArchCondition<>(
            "not reach the database (an entity's active-record methods, a session's queries, SQL)") {
        @Override
        public void check(JavaClass item, ConditionEvents events) {
            for (JavaMethodCall call : item.getMethodCallsFromSelf()) {
                if (reachesTheDatabase(call.getTargetOwner(), call.getName())) {
                    events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                }
            }
        }
    };

    /**
     * Judged by names, not by the type hierarchy: ArchUnit resolves the supertypes of library classes only as far as
     * its import went, and a rule that silently sees nothing would prove nothing (ServiceLayersTest checks it sees).
     */
    static boolean reachesTheDatabase(JavaClass owner, String method) {
        String name = owner.getName();
        boolean entity = owner.isAnnotatedWith("jakarta.persistence.Entity") && ACTIVE_RECORD.contains(method);
        boolean sql = SQL_CLIENTS.stream().anyMatch(name::startsWith)
                && (method.equals("query") || method.equals("preparedQuery"));
        boolean session = name.startsWith(HIBERNATE_REACTIVE) && (method.startsWith("create") || method.equals("find"));
        boolean panacheSession = name.equals(PANACHE) && method.equals("getSession");
        return entity || sql || session || panacheSession;
    }
}
