package testsupport;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers {@link FreshDatabase} and a real {@link KafkaBroker} for every {@code @QuarkusTest} of the run
 * (one application start).
 */
@QuarkusTestResource(value = FreshDatabase.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaBroker.class, restrictToAnnotatedClass = false)
public final class DatabaseTestResource {

    private DatabaseTestResource() {}
}
