package orders.internal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import platform.error.DomainException;
import platform.id.Ids;
import tenancy.Caller;

/**
 * Accepts batches of orders into the durable queue (one row per order, in the same transaction as the
 * idempotency answer) and reports their progress. The orders themselves are placed by {@link BatchWorker}.
 */
@ApplicationScoped
public class BatchService {

    private final AgroalDataSource dataSource;
    private final OrdersConfig config;
    private final IdempotencyStore idempotency;
    private final ObjectMapper json;
    private final platform.db.TenantScope scope;

    BatchService(
            AgroalDataSource dataSource,
            OrdersConfig config,
            IdempotencyStore idempotency,
            ObjectMapper json,
            platform.db.TenantScope scope) {
        this.scope = scope;
        this.dataSource = dataSource;
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
        UUID id = Ids.newId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String[] payloads = new String[orders.size()];
        String[] refs = new String[orders.size()];
        for (int i = 0; i < orders.size(); i++) {
            payloads[i] = orders.get(i).toString();
            JsonNode ref = orders.get(i).isObject() ? orders.get(i).get("externalRef") : null;
            refs[i] = ref != null && ref.isTextual() && ref.asText().length() <= 100 ? ref.asText() : null;
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO orders.batches (id, client_id, actor, total, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setObject(1, id);
                ps.setObject(2, clientId);
                ps.setString(3, actor);
                ps.setInt(4, orders.size());
                ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO orders.batch_items (batch_id, client_id, idx, payload, status, external_ref)
                    SELECT ?, ?, i.ord - 1, i.payload::jsonb, 'queued', i.ref
                      FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS i(payload, ref, ord)""")) {
                ps.setObject(1, id);
                ps.setObject(2, clientId);
                ps.setArray(3, c.createArrayOf("text", payloads));
                ps.setArray(4, c.createArrayOf("text", refs));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot queue the batch", e);
        }
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
        try (Connection c = dataSource.getConnection()) {
            UUID clientId;
            int total;
            Instant createdAt;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT client_id, total, created_at FROM orders.batches WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw notFound(id);
                    }
                    clientId = rs.getObject(1, UUID.class);
                    total = rs.getInt(2);
                    createdAt = rs.getObject(3, OffsetDateTime.class).toInstant();
                }
            }
            if (caller.tenantId().isPresent() && !caller.is(clientId)) {
                throw notFound(id);
            }
            List<BatchView.Result> results = new ArrayList<>(total);
            int accepted = 0;
            int rejected = 0;
            Instant lastProcessed = null;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT idx, external_ref, status, order_id, error::text, processed_at FROM orders.batch_items
                     WHERE batch_id = ? ORDER BY idx""")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String status = rs.getString(3);
                        accepted += status.equals("created") ? 1 : 0;
                        rejected += status.equals("rejected") ? 1 : 0;
                        OffsetDateTime processedAt = rs.getObject(6, OffsetDateTime.class);
                        if (processedAt != null
                                && (lastProcessed == null
                                        || processedAt.toInstant().isAfter(lastProcessed))) {
                            lastProcessed = processedAt.toInstant();
                        }
                        if (!status.equals("queued")) { // results list the orders processed so far
                            results.add(new BatchView.Result(
                                    rs.getInt(1),
                                    rs.getString(2),
                                    status,
                                    rs.getObject(4, UUID.class),
                                    rs.getString(5)));
                        }
                    }
                }
            }
            int processed = accepted + rejected;
            String status = processed == 0 ? "queued" : processed < total ? "processing" : "completed";
            return new BatchView(
                    id,
                    status,
                    total,
                    processed,
                    accepted,
                    rejected,
                    createdAt,
                    status.equals("completed") ? lastProcessed : null,
                    results);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the batch", e);
        }
    }

    private static DomainException notFound(UUID id) {
        return new DomainException(platform.error.ErrorCode.NOT_FOUND, "No order batch " + id);
    }
}
