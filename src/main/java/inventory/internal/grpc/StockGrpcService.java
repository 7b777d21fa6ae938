package inventory.internal.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inventory.Sku;
import inventory.internal.domain.StockService;
import inventory.internal.grpc.v1.GetStockLevelsRequest;
import inventory.internal.grpc.v1.GetStockLevelsResponse;
import inventory.internal.grpc.v1.StockLevel;
import inventory.internal.grpc.v1.StockServiceGrpc;
import inventory.internal.grpc.v1.WatchRequest;
import inventory.internal.messaging.StockSubscribers;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.page.Page;
import platform.page.PageRequest;
import tenancy.Scopes;

/**
 * {@code quartermaster.inventory.v1.StockService}: the stock levels and the stock stream of
 * {@code /v1/inventory}, with the same token, scope and limits. {@code Watch} is one more subscriber of
 * {@link StockSubscribers}, so it is fed by the same cross-instance fan-out as the WebSocket and SSE streams.
 */
@GrpcService
@RegisterInterceptor(BearerToken.class)
public class StockGrpcService extends StockServiceGrpc.StockServiceImplBase {

    private static final Logger LOG = Logger.getLogger(StockGrpcService.class);

    private final StockService stock;
    private final StockSubscribers subscribers;
    private final GrpcCallers callers;
    private final ObjectMapper json;

    StockGrpcService(StockService stock, StockSubscribers subscribers, GrpcCallers callers, ObjectMapper json) {
        this.stock = stock;
        this.subscribers = subscribers;
        this.callers = callers;
        this.json = json;
    }

    @Override
    @Blocking
    public void getStockLevels(GetStockLevelsRequest request, StreamObserver<GetStockLevelsResponse> response) {
        try {
            callers.verify(BearerToken.AUTHORIZATION.get(), Scopes.INVENTORY_READ);
            List<String> skus = skus(request.getSkusList(), PageRequest.MAX_LIMIT);
            GetStockLevelsResponse.Builder out = GetStockLevelsResponse.newBuilder();
            stock.levels(skus).items().forEach(level -> out.addLevels(proto(level)));
            response.onNext(out.build());
            response.onCompleted();
        } catch (DomainException e) {
            response.onError(GrpcProblems.of(e));
        }
    }

    @Override
    @Blocking
    public void watch(WatchRequest request, StreamObserver<StockLevel> response) {
        ServerCallStreamObserver<StockLevel> call = (ServerCallStreamObserver<StockLevel>) response;
        GrpcCallers.Verified verified;
        List<String> skus;
        try {
            verified = callers.verify(BearerToken.AUTHORIZATION.get(), Scopes.INVENTORY_READ);
            skus = request.getAll()
                    ? List.of()
                    : skus(request.getSkusList(), subscribers.config().maxSkusPerConnection());
        } catch (DomainException e) {
            call.onError(GrpcProblems.of(e));
            return;
        }
        AtomicBoolean ended = new AtomicBoolean();
        String id = "grpc:" + UUID.randomUUID();
        StockSubscribers.Channel channel = new StockSubscribers.Channel() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean open() {
                return !ended.get() && !call.isCancelled();
            }

            @Override
            public void send(StockSubscribers.StockMessage message, Runnable onFailure) {
                if (ended.get() || call.isCancelled()) {
                    onFailure.run();
                    return;
                }
                try {
                    call.onNext(fromMessage(message.json()));
                } catch (RuntimeException e) {
                    onFailure.run();
                }
            }

            @Override
            public void end(DomainException refusal) { // the stream guard: expiry, revocation, suspension, drain
                if (ended.compareAndSet(false, true)) {
                    call.onError(GrpcProblems.of(refusal));
                }
            }
        };
        // counted against the same per-client cap as WebSocket and SSE streams, and re-checked by the same guard
        StockSubscribers.Subscriber subscriber = subscribers.open(channel, verified.grant());
        if (subscriber == null) {
            call.onError(GrpcProblems.of(new DomainException(
                            ErrorCode.RATE_LIMITED,
                            "At most " + subscribers.config().maxStreamsPerClient()
                                    + " open streams per client; close one first")
                    .retryAfter(5)));
            return;
        }
        call.setOnCancelHandler(() -> {
            ended.set(true);
            subscribers.close(channel);
        });
        subscriber.sent().putAll(request.getSinceVersionsMap());
        try {
            if (request.getAll()) {
                subscriber.all = true;
                String cursor = null;
                do {
                    Page<inventory.StockLevel> page = stock.levels(PageRequest.of("200", cursor));
                    page.items().forEach(level -> subscribers.send(subscriber, level));
                    cursor = page.nextCursor();
                } while (cursor != null && !ended.get());
            } else {
                subscriber.skus().addAll(skus);
                stock.levels(skus).items().forEach(level -> subscribers.send(subscriber, level));
            }
        } catch (RuntimeException e) {
            LOG.warnf("The snapshot of a gRPC watch failed: %s", e.toString());
            synchronized (subscriber) {
                if (ended.compareAndSet(false, true)) {
                    subscribers.close(channel);
                    call.onError(io.grpc.Status.UNAVAILABLE
                            .withDescription("the snapshot could not be read; retry")
                            .asRuntimeException());
                }
            }
        }
    }

    private static List<String> skus(List<String> requested, int max) {
        if (requested.isEmpty() || requested.size() > max) {
            throw DomainException.invalid("skus", "name 1 to " + max + " SKUs (or set all)");
        }
        List<String> out = new ArrayList<>(new LinkedHashSet<>(requested));
        for (String sku : out) {
            if (!Sku.isValid(sku)) {
                throw DomainException.invalid("skus", "'" + sku + "' is not a SKU");
            }
        }
        return out;
    }

    static StockLevel proto(inventory.StockLevel level) {
        return StockLevel.newBuilder()
                .setSku(level.sku())
                .setOnHand(level.onHand())
                .setReserved(level.reserved())
                .setHeld(level.held())
                .setAvailable(level.available())
                .setVersion(level.version())
                .setUpdatedAt(level.updatedAt().toString())
                .build();
    }

    /** The fan-out hands every subscriber the message it serialised once; the watch reads it back. */
    private StockLevel fromMessage(String message) {
        try {
            JsonNode node = json.readTree(message);
            return StockLevel.newBuilder()
                    .setSku(node.path("sku").asText())
                    .setOnHand(node.path("onHand").asLong())
                    .setReserved(node.path("reserved").asLong())
                    .setHeld(node.path("held").asLong())
                    .setAvailable(node.path("available").asLong())
                    .setVersion(node.path("version").asLong())
                    .setUpdatedAt(node.path("at").asText())
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable stock message", e);
        }
    }
}
