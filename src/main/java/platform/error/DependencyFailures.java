package platform.error;

/**
 * What a module knows about its dependencies' failures. The kernel's last-resort mapper asks every
 * implementation whether a failure it did not expect means "a dependency is unreachable, retry shortly"
 * (503 with {@code Retry-After}) rather than a defect (500).
 */
public interface DependencyFailures {

    /** The detail to tell the caller if {@code failure} or one of its causes means an unreachable dependency; else null. */
    String unreachable(Throwable failure);
}
