package architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Proves the rules can fail: a class that reaches into another module's internals breaks them. */
class ModularityRulesCanFailTest {

    private final JavaClasses withViolation =
            new ClassFileImporter().importPackages("architecture.violation", "tenancy");

    @Test
    void internalsRuleFailsOnAClassThatReachesIntoTenancyInternals() {
        assertThatThrownBy(() -> ModularityTest.internalsStayInside("tenancy").check(withViolation))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("architecture.violation.Snooper");
    }

    @Test
    void entityRuleFailsWhenAnEntityIsUsedOutsideItsModule() {
        assertThatThrownBy(() -> ModularityTest.entitiesStayInside("tenancy").check(withViolation))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Snooper");
    }

    @Test
    void rulesPassOnTheApplicationAlone() {
        JavaClasses application = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("tenancy", "inventory", "orders", "platform");
        assertThatCode(() -> ModularityTest.internalsStayInside("tenancy").check(application))
                .doesNotThrowAnyException();
    }
}
