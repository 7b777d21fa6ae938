package inventory.internal.messaging;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import tenancy.StreamGrant;
import tenancy.TenancyApi;

/**
 * Open streams keep no more authority than a new request would get. Every
 * {@code quartermaster.streams.authority-check-interval} this ends each stream of this instance whose token
 * has expired, and, in one database read (state every instance shares, not a local event), each whose
 * credential was revoked or whose client was suspended: WebSockets close with 1008 and the reason, SSE
 * streams end.
 */
@ApplicationScoped
public class StreamGuard {

    private static final Logger LOG = Logger.getLogger(StreamGuard.class);

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
                subscribers.end(s, "token expired");
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
                case REVOKED -> subscribers.end(s, "credential revoked");
                case SUSPENDED -> subscribers.end(s, "client suspended");
                case ACTIVE -> {}
            }
        }
    }
}
