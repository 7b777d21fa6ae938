package platform.outbox;

import java.util.List;

/**
 * In-process notice, on every instance, of events committed through any instance, in outbox order and
 * typed again. Observers must be quick (they run on the outbox follower's thread) and tolerate seeing
 * an event twice.
 */
public record OutboxCommitted(List<OutboxEvent> events) {}
