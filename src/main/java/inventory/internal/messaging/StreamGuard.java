package inventory.internal.messaging;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import platform.error.DomainException;
import platform.error.ErrorCode;
import tenancy.StreamGrant;
import tenancy.TenancyApi;

/**
 * Open streams keep no more authority than a new request would get; one guard for every transport (WebSocket,
 * SSE, gRPC watch). Every {@code quartermaster.streams.authority-check-interval} this ends each stream of this
 * instance whose token has expired ({@code unauthorized}), and, in one database read (state every instance
 * shares, not a local event), each whose credential was revoked ({@code unauthorized}) or whose client was
 * suspended ({@code client_suspended}). How a stream ends is its transport's: {@link StockSubscribers.Channel#end}
 * (WebSocket close 1008 with the reason, SSE end, gRPC UNAUTHENTICATED/PERMISSION_DENIED). On SIGTERM, when the
 * drain starts, every stream ends with {@code unavailable} so its client reconnects to another instance.
 */
@ApplicationScoped
public class StreamGuard {

    private static final Logger LOG = Logger.getLogger(StreamGuard.class);

    static final String EXPIRED = "token expired";
    static final String REVOKED = "credential revoked";
    static final String SUSPENDED = "client suspended";

    private final StockSubscribers subscribers;
    private final TenancyApi tenancy;

    StreamGuard(StockSubscribers subscribers, TenancyApi tenancy) {
        this.subscribers = subscribers;
        this.tenancy = tenancy;
    }

    @Scheduled(
            identity = "stream-guard",
            every = "${quartermaster.streams.authority-check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        Instant now = Instant.now();
        Set<UUID> credentials = new HashSet<>();
        for (StockSubscribers.Subscriber s : subscribers.all()) {
            StreamGrant grant = s.grant;
            if (grant == null) {
                continue;
            }
            if (grant.expiresAt() != null && !now.isBefore(grant.expiresAt())) {
                end(s, new DomainException(ErrorCode.UNAUTHORIZED, EXPIRED));
            } else if (grant.credentialId() != null) {
                credentials.add(grant.credentialId());
            }
        }
        if (credentials.isEmpty()) {
            return;
        }
        Map<UUID, StreamGrant.Standing> standings;
        try {
            standings = tenancy.standings(credentials);
        } catch (RuntimeException e) {
            LOG.warnf("Cannot re-check the credentials of open streams (%s); trying again next round", e.getMessage());
            return;
        }
        for (StockSubscribers.Subscriber s : subscribers.all()) {
            if (s.grant == null || s.grant.credentialId() == null || !credentials.contains(s.grant.credentialId())) {
                continue;
            }
            switch (standings.getOrDefault(s.grant.credentialId(), StreamGrant.Standing.REVOKED)) {
                case REVOKED -> end(s, new DomainException(ErrorCode.UNAUTHORIZED, REVOKED));
                case SUSPENDED -> end(s, new DomainException(ErrorCode.CLIENT_SUSPENDED, SUSPENDED));
                case ACTIVE -> {}
            }
        }
    }

    /** On SIGTERM, before the drain waits for requests: open streams end so their clients reconnect elsewhere. */
    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        DomainException leaving =
                new DomainException(ErrorCode.UNAVAILABLE, "This instance is shutting down; reconnect to resume");
        for (StockSubscribers.Subscriber s : List.copyOf(subscribers.all())) {
            end(s, leaving);
        }
    }

    private void end(StockSubscribers.Subscriber subscriber, DomainException refusal) {
        try {
            subscribers.end(subscriber, refusal);
        } catch (RuntimeException e) {
            LOG.debugf("Ending a stream failed: %s", e.toString());
        }
    }
}
