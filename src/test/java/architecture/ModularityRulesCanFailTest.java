package architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import architecture.violation.CallsResource;
import architecture.violation.Snooper;
import architecture.violation.SqlInAService;
import architecture.violation.internal.domain.HttpAwareService;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import inventory.InventoryApi;
import inventory.violation.NeedsOrders;
import orders.OrdersApi;
import orders.internal.domain.OrderLifecycle;
import org.junit.jupiter.api.Test;
import tenancy.violation.ReachesIntoOrders;

/** Proves that every rule of {@link ModularityTest} can fail: each meets a deliberate violator (test sources only). */
class ModularityRulesCanFailTest {

    private static JavaClasses of(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    private static void failsOn(ArchRule rule, JavaClasses classes, String violator) {
        assertThatThrownBy(() -> rule.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(violator);
    }

    @Test
    void anUndeclaredTopLevelPackageFails() {
        failsOn(ModularityTest.everyTopLevelPackageIsADeclaredModule(), of(rogue.Stray.class), "rogue.Stray");
    }

    @Test
    void aModuleUsingAModuleItDoesNotDeclareFails() {
        failsOn(ModularityTest.modulesUseOnlyWhatTheyDeclare(), of(ReachesIntoOrders.class), "ReachesIntoOrders");
    }

    @Test
    void aCycleBetweenModulesFails() {
        failsOn(
                ModularityTest.noCyclesBetweenModules(),
                of(NeedsOrders.class, OrdersApi.class, OrderLifecycle.class, InventoryApi.class),
                "NeedsOrders");
    }

    @Test
    void reachingIntoAnotherModulesInternalsFails() {
        failsOn(ModularityTest.internalsStayInside("tenancy"), of(Snooper.class), "architecture.violation.Snooper");
    }

    @Test
    void aClassOutsideApiEventsAndInternalsFails() {
        failsOn(
                ModularityTest.modulesHaveAnApiAndInternals(),
                of(orders.misplaced.Stray.class),
                "orders.misplaced.Stray");
    }

    @Test
    void anEntityUsedOutsideItsModuleFails() {
        failsOn(
                ModularityTest.entitiesStayInside("tenancy"),
                of(Snooper.class, tenancy.internal.domain.ClientEntity.class),
                "Snooper");
    }

    @Test
    void callingAResourceFails() {
        failsOn(
                ModularityTest.resourcesAreReferencedByNothing(),
                of(CallsResource.class, orders.internal.web.OrderResource.class),
                "CallsResource");
    }

    @Test
    void domainCodeUsingHttpFails() {
        failsOn(ModularityTest.domainKnowsNoHttp(), of(HttpAwareService.class), "HttpAwareService");
    }

    @Test
    void sqlOutsideARepositoryFails() {
        failsOn(ModularityTest.sqlOnlyInRepositories(), of(SqlInAService.class), "SqlInAService");
    }
}
