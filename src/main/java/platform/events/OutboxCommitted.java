package platform.events;

import java.util.List;

/**
 * In-process notice, on every instance, of events committed through any instance, in outbox order.
 * Observers must be quick (they run on the listener thread) and tolerate seeing an event twice.
 */
public record OutboxCommitted(List<CloudEvent> events) {}
