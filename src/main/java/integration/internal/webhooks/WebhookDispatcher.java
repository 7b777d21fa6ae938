package integration.internal.webhooks;

import integration.internal.outbox.CloudEvents;
import integration.internal.outbox.FeedPosition;
import integration.internal.outbox.OutboxRecord;
import integration.internal.outbox.OutboxRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns committed outbox events into webhook deliveries for every subscription that wants them (its
 * event types; its own client's events and the events of no client), in outbox order. One dispatcher
 * at a time across instances: the cursor row is locked by the transaction that moves it.
 */
@ApplicationScoped
class WebhookDispatcher {

    private static final int BATCH = 1000;

    private final WebhookRepository webhooks;
    private final OutboxRepository outbox;
    private final CloudEvents envelopes;

    WebhookDispatcher(WebhookRepository webhooks, OutboxRepository outbox, CloudEvents envelopes) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.envelopes = envelopes;
    }

    /** Dispatches everything committed so far. */
    void dispatchAll() {
        while (QuarkusTransaction.requiringNew().call(this::dispatchBatch) == BATCH) {
            // keep going while the outbox has new events
        }
    }

    /** Creates deliveries for the next events after the cursor; returns how many events were passed. */
    private int dispatchBatch() {
        long[] cursor = webhooks.lockCursor();
        List<OutboxRecord> events =
                outbox.committedAfter(new FeedPosition(cursor[0], cursor[1]), BATCH, null, List.of());
        if (events.isEmpty()) {
            return 0;
        }
        List<WebhookRepository.StoredSubscription> subscriptions = webhooks.active();
        List<WebhookRepository.NewDelivery> deliveries = new ArrayList<>();
        for (OutboxRecord event : events) {
            String payload = null;
            for (WebhookRepository.StoredSubscription s : subscriptions) {
                if (s.eventTypes().contains(event.type())
                        && (event.tenantId() == null || event.tenantId().equals(s.clientId()))) {
                    payload = payload == null ? envelopes.json(event) : payload;
                    deliveries.add(new WebhookRepository.NewDelivery(
                            s.id(), event.id(), event.type(), event.subject(), payload));
                }
            }
        }
        webhooks.insertDeliveries(deliveries);
        FeedPosition last = events.get(events.size() - 1).position();
        webhooks.moveCursor(last.txid(), last.seq());
        return events.size();
    }
}
