package integration.internal.webhooks;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The webhook round, every {@code quartermaster.webhooks.poll-interval} on every instance (never two at
 * once on one): new events become deliveries, then every due delivery is attempted. Instances share
 * the work safely: the dispatcher's cursor and each delivery are locked by whoever works on them.
 */
@ApplicationScoped
public class WebhookJob {

    private final WebhookDispatcher dispatcher;
    private final WebhookSender sender;

    WebhookJob(WebhookDispatcher dispatcher, WebhookSender sender) {
        this.dispatcher = dispatcher;
        this.sender = sender;
    }

    @Scheduled(
            identity = "webhooks",
            every = "${quartermaster.webhooks.poll-interval:PT1S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void runOnce() {
        dispatcher.dispatchAll();
        sender.sendDue();
    }
}
