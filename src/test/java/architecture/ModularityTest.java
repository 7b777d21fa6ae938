package architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;
import java.util.List;

/** The module rules of the modular monolith (STYLE.md), checked on every build. */
@AnalyzeClasses(
        packages = {"tenancy", "inventory", "orders", "platform"},
        importOptions = ImportOption.DoNotIncludeTests.class)
public class ModularityTest {

    static final List<String> MODULES = List.of("tenancy", "inventory", "orders");

    // Modules may depend on each other in one direction only.
    @ArchTest
    static final ArchRule noCyclesBetweenModules =
            slices().matching("(*)..").should().beFreeOfCycles();

    // A module's internals are its own: others use its root API and events only.
    @ArchTest
    static final ArchRule noModuleTouchesAnothersInternals = CompositeArchRule.of(
            MODULES.stream().map(ModularityTest::internalsStayInside).toList());

    // Tenancy stands alone: every other module needs it, it needs none of them.
    @ArchTest
    static final ArchRule tenancyDependsOnNoOtherModule = noClasses()
            .that()
            .resideInAPackage("tenancy..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("inventory..", "orders..");

    // The shared kernel serves every module and knows none of them.
    @ArchTest
    static final ArchRule kernelDependsOnNoModule = noClasses()
            .that()
            .resideInAPackage("platform..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("tenancy..", "inventory..", "orders..");

    // Persistence entities live in a module's internals and are used only inside that module.
    @ArchTest
    static final ArchRule entitiesStayInTheirModule = CompositeArchRule.of(
            MODULES.stream().map(ModularityTest::entitiesStayInside).toList());

    // Resources are entry points: nothing calls them, and the domain does not know the web layer.
    @ArchTest
    static final ArchRule resourcesAreReferencedByNothing = noClasses()
            .that()
            .resideOutsideOfPackage("..internal.web..")
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(Path.class);

    // Domain code knows nothing of HTTP request/response records.
    @ArchTest
    static final ArchRule domainDoesNotDependOnWeb = noClasses()
            .that()
            .resideInAPackage("..internal.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..internal.web..");

    static ArchRule internalsStayInside(String module) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(module + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(module + ".internal..")
                .as("no class outside " + module + " depends on " + module + ".internal");
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
}
