package architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The module rules of the modular monolith (STYLE.md, ADR 0018), checked on every build against every
 * class of the application: the modules are the top-level packages, so a new one is checked too (and
 * fails until it is declared here with what it may use). {@link ModularityRulesCanFailTest} proves
 * that each rule fails on a deliberate violator.
 */
@AnalyzeClasses(locations = ModularityTest.ApplicationClasses.class)
public class ModularityTest {

    /** Where the compiler put the application's classes: every top-level package in it is imported. */
    public static final class ApplicationClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            try {
                return Set.of(Location.of(platform.db.Jdbc.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI()));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every module and the modules it may use; {@code platform} is the kernel that every module may use. */
    static final Map<String, Set<String>> ALLOWED = allowed();

    private static Map<String, Set<String>> allowed() {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        allowed.put("platform", Set.of());
        // the OpenAPI contract's shared parts: its constants are used in the modules' annotations (ADR 0035)
        allowed.put("apidoc", Set.of());
        allowed.put("tenancy", Set.of("platform", "apidoc"));
        // the GraphQL gate and what resolvers use (ADR 0050)
        allowed.put("graphqlapi", Set.of("platform"));
        allowed.put("inventory", Set.of("platform", "apidoc", "tenancy", "graphqlapi"));
        // running the service: tracing, metrics access, the HTTP edge, start-up refusals (ADR 0051)
        allowed.put("operations", Set.of("platform", "tenancy"));
        allowed.put("orders", Set.of("platform", "apidoc", "tenancy", "inventory", "graphqlapi", "operations"));
        allowed.put("audit", Set.of("platform", "apidoc", "tenancy"));
        allowed.put("integration", Set.of("platform", "apidoc", "tenancy", "inventory", "orders", "operations"));
        return allowed;
    }

    // A top-level package is a module: it must be declared with what it may use, or nothing checks it.
    @ArchTest
    static final ArchRule everyTopLevelPackageIsADeclaredModule = everyTopLevelPackageIsADeclaredModule();

    // Modules use only the modules they declare; tenancy none but the kernel, the kernel none at all.
    @ArchTest
    static final ArchRule modulesUseOnlyWhatTheyDeclare = modulesUseOnlyWhatTheyDeclare();

    // Modules may depend on each other in one direction only.
    @ArchTest
    static final ArchRule noCyclesBetweenModules = noCyclesBetweenModules();

    // A module's internals are its own (the kernel's too): others use its root API and events only.
    @ArchTest
    static final ArchRule noModuleTouchesAnothersInternals = CompositeArchRule.of(
            ALLOWED.keySet().stream().map(ModularityTest::internalsStayInside).toList());

    // A module is its root (the API), its events and its internals: there is no other way in.
    @ArchTest
    static final ArchRule modulesHaveAnApiAndInternals = modulesHaveAnApiAndInternals();

    // Persistence entities live in a module's internals and are used only inside that module.
    @ArchTest
    static final ArchRule entitiesStayInTheirModule = CompositeArchRule.of(
            ALLOWED.keySet().stream().map(ModularityTest::entitiesStayInside).toList());

    // Resources are entry points: nothing calls them.
    @ArchTest
    static final ArchRule resourcesAreReferencedByNothing = resourcesAreReferencedByNothing();

    // Domain code knows nothing of HTTP: no resource or request record, no JAX-RS or Vert.x web type.
    @ArchTest
    static final ArchRule domainKnowsNoHttp = domainKnowsNoHttp();

    // SQL lives in *Repository classes (and the kernel's JDBC plumbing), never in an API, service or resource.
    @ArchTest
    static final ArchRule sqlOnlyInRepositories = sqlOnlyInRepositories();

    static ArchRule everyTopLevelPackageIsADeclaredModule() {
        return classes().should(new ArchCondition<JavaClass>("reside in a module declared in ModularityTest.ALLOWED") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                if (!ALLOWED.containsKey(topLevel(item))) {
                    events.add(SimpleConditionEvent.violated(
                            item, item.getName() + " is in the undeclared top-level package '" + topLevel(item) + "'"));
                }
            }
        });
    }

    static ArchRule modulesUseOnlyWhatTheyDeclare() {
        List<ArchRule> rules = ALLOWED.keySet().stream()
                .map(module -> {
                    String[] forbidden = ALLOWED.keySet().stream()
                            .filter(other -> !other.equals(module)
                                    && !ALLOWED.get(module).contains(other))
                            .map(other -> other + "..")
                            .toArray(String[]::new);
                    return (ArchRule) noClasses()
                            .that()
                            .resideInAPackage(module + "..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(forbidden)
                            .allowEmptyShould(true)
                            .as(module + " uses only " + ALLOWED.get(module));
                })
                .toList();
        return CompositeArchRule.of(rules);
    }

    static ArchRule noCyclesBetweenModules() {
        return slices().matching("(*)..").should().beFreeOfCycles();
    }

    static ArchRule internalsStayInside(String module) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(module + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(module + ".internal..")
                .allowEmptyShould(true)
                .as("no class outside " + module + " depends on " + module + ".internal");
    }

    static ArchRule modulesHaveAnApiAndInternals() {
        List<ArchRule> rules = ALLOWED.keySet().stream()
                .filter(module -> !module.equals("platform")) // the kernel's API is its sub-packages
                .map(module -> (ArchRule) classes()
                        .that()
                        .resideInAPackage(module + "..")
                        .should()
                        .resideInAnyPackage(module, module + ".events", module + ".internal..")
                        .allowEmptyShould(true)
                        .as(module + " classes live in " + module + ", " + module + ".events or " + module
                                + ".internal"))
                .toList();
        return CompositeArchRule.of(rules);
    }

    static ArchRule entitiesStayInside(String module) {
        return classes()
                .that()
                .areAnnotatedWith(Entity.class)
                .and()
                .resideInAPackage(module + "..")
                .should()
                .resideInAPackage(module + ".internal..")
                .andShould()
                .onlyHaveDependentClassesThat()
                .resideInAPackage(module + "..")
                .allowEmptyShould(true)
                .as(module + " entities live in " + module + ".internal and are used only by " + module);
    }

    static ArchRule resourcesAreReferencedByNothing() {
        return noClasses()
                .that()
                .resideOutsideOfPackage("..internal.web..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(Path.class);
    }

    static ArchRule domainKnowsNoHttp() {
        return noClasses()
                .that()
                .resideInAPackage("..internal.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..internal.web..", "jakarta.ws.rs..", "io.vertx..", "io.quarkus.vertx.http..");
    }

    static ArchRule sqlOnlyInRepositories() {
        return noClasses()
                .that(DescribedPredicate.describe("are no *Repository", c -> !isRepository(c)))
                .and()
                .resideOutsideOfPackage("platform.db..")
                .should()
                .accessTargetWhere(runsSql())
                .as("only *Repository classes (and platform.db) run SQL");
    }

    /** A *Repository class, or a class nested in one. */
    private static boolean isRepository(JavaClass c) {
        return c.getSimpleName().endsWith("Repository")
                || c.getEnclosingClass().map(ModularityTest::isRepository).orElse(false);
    }

    /** A call that sends SQL: JDBC statements and connections, the kernel's Jdbc helper, native JPA queries. */
    private static DescribedPredicate<JavaAccess<?>> runsSql() {
        return DescribedPredicate.describe("a call that runs SQL", access -> {
            JavaClass owner = access.getTargetOwner();
            String method = access.getName();
            return owner.isAssignableTo(java.sql.Connection.class)
                            && (method.startsWith("prepare") || method.equals("createStatement"))
                    || owner.isAssignableTo(java.sql.Statement.class) && method.startsWith("execute")
                    || owner.isAssignableTo(javax.sql.DataSource.class) && method.equals("getConnection")
                    || owner.isEquivalentTo(java.sql.DriverManager.class) && method.equals("getConnection")
                    || owner.getName().equals("platform.db.Jdbc") && !method.equals("array")
                    || owner.isAssignableTo(jakarta.persistence.EntityManager.class)
                            && method.startsWith("createNative");
        });
    }

    static String topLevel(JavaClass c) {
        String name = c.getPackageName();
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
