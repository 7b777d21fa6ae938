package testsupport;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link FreshDatabase} for every {@code @QuarkusTest} of the run (one application start). */
@QuarkusTestResource(value = FreshDatabase.class, restrictToAnnotatedClass = false)
public final class DatabaseTestResource {

    private DatabaseTestResource() {
    }
}
