package orders.internal.messaging;

import inventory.events.BackordersAllocated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import orders.internal.domain.BackorderAllocations;

/** Hears, inside the allocating transaction, that backordered units were reserved, and records them. */
@ApplicationScoped
class BackorderAllocationObserver {

    private final BackorderAllocations allocations;

    BackorderAllocationObserver(BackorderAllocations allocations) {
        this.allocations = allocations;
    }

    void onAllocated(@Observes BackordersAllocated allocated) {
        allocations.record(allocated);
    }
}
