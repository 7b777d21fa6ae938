package testsupport.contract;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Installs {@link ContractValidation} for plain JUnit tests (the integration tests against the packaged
 * application); registered for every test class through JUnit's extension auto-detection (which quarkus-junit switches on).
 */
public class ContractValidationExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        ContractValidation.install();
    }
}
