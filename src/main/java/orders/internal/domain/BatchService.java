package orders.internal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import platform.error.DomainException;
import platform.id.Ids;
import platform.outbox.TraceContext;
import tenancy.Caller;

/**
 * Accepts batches of orders into the durable queue (one row per order, in the same transaction as the
 * idempotency answer) and reports their progress. The orders themselves are placed by {@link BatchWorker}.
 */
@ApplicationScoped
public class BatchService {

    private final BatchRepository batches;
    private final OrdersConfig config;
    private final IdempotencyStore idempotency;
    private final ObjectMapper json;
    private final TenantScopeRepository scope;
    private final TraceContext trace;

    BatchService(
            BatchRepository batches,
            OrdersConfig config,
            IdempotencyStore idempotency,
            ObjectMapper json,
            TenantScopeRepository scope,
            TraceContext trace) {
        this.scope = scope;
        this.trace = trace;
        this.batches = batches;
        this.config = config;
        this.idempotency = idempotency;
        this.json = json;
    }

    /** Checks the envelope only: each order is validated on its own when it is processed. */
    public List<JsonNode> envelope(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("", "the body must be a JSON object with an orders array");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("orders")) {
                throw DomainException.invalid("/" + field, "this property is not allowed here");
            }
        }
        JsonNode orders = body.get("orders");
        if (orders == null || !orders.isArray() || orders.isEmpty() || orders.size() > config.maxBatchOrders()) {
            throw DomainException.invalid(
                    "/orders", "orders must be an array of 1 to " + config.maxBatchOrders() + " orders");
        }
        List<JsonNode> list = new ArrayList<>(orders.size());
        orders.forEach(list::add);
        return list;
    }

    @Transactional
    public BatchAccepted submit(UUID clientId, String actor, List<JsonNode> orders, IdempotencyStore.Claim claim) {
        scope.tenant(clientId);
        idempotency.hold(claim); // first: the key is this transaction's until it ends
        UUID id = Ids.newId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String[] payloads = new String[orders.size()];
        String[] refs = new String[orders.size()];
        for (int i = 0; i < orders.size(); i++) {
            payloads[i] = orders.get(i).toString();
            JsonNode ref = orders.get(i).isObject() ? orders.get(i).get("externalRef") : null;
            refs[i] = ref != null && ref.isTextual() && ref.asText().length() <= 100 ? ref.asText() : null;
        }
        batches.insert(
                id,
                clientId,
                actor,
                now,
                Arrays.asList(payloads),
                Arrays.asList(refs),
                trace.traceparent().orElse(null));
        BatchAccepted accepted = new BatchAccepted(id, "queued", orders.size());
        try {
            idempotency.complete(claim, 202, json.writeValueAsString(accepted), "/v1/order-batches/" + id);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return accepted;
    }

    @Transactional
    public BatchView get(UUID id, Caller caller) {
        scope.of(caller.tenantId());
        BatchRepository.Batch batch = batches.find(id).orElseThrow(() -> notFound(id));
        if (caller.tenantId().isPresent() && !caller.is(batch.clientId())) {
            throw notFound(id);
        }
        List<BatchView.Result> results = new ArrayList<>(batch.total());
        int accepted = 0;
        int rejected = 0;
        Instant lastProcessed = null;
        for (BatchRepository.ItemState item : batches.items(id)) {
            accepted += item.status().equals("created") ? 1 : 0;
            rejected += item.status().equals("rejected") ? 1 : 0;
            if (item.processedAt() != null
                    && (lastProcessed == null || item.processedAt().isAfter(lastProcessed))) {
                lastProcessed = item.processedAt();
            }
            if (!item.status().equals("queued")) { // results list the orders processed so far
                results.add(new BatchView.Result(
                        item.index(), item.externalRef(), item.status(), item.orderId(), item.error()));
            }
        }
        int processed = accepted + rejected;
        String status = processed == 0 ? "queued" : processed < batch.total() ? "processing" : "completed";
        return new BatchView(
                id,
                status,
                batch.total(),
                processed,
                accepted,
                rejected,
                batch.createdAt(),
                status.equals("completed") ? lastProcessed : null,
                results);
    }

    private static DomainException notFound(UUID id) {
        return new DomainException(platform.error.ErrorCode.NOT_FOUND, "No order batch " + id);
    }
}
