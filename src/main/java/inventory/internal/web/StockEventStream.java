package inventory.internal.web;

import inventory.Sku;
import inventory.StockLevel;
import inventory.internal.domain.StockService;
import inventory.internal.messaging.StockSubscribers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import platform.error.DomainException;
import tenancy.Scopes;

/**
 * The stock feed as server-sent events on the WebSocket's path ({@code Accept: text/event-stream},
 * {@code ?sku=…}): a snapshot per SKU, then every change. Each event's id is {@code <sku>@<version>};
 * a reconnecting client's {@code Last-Event-ID} spares it the snapshot of that SKU when nothing changed.
 */
@Path("/v1/inventory/stream")
@Tag(name = "Inventory")
public class StockEventStream {

    private final StockSubscribers subscribers;
    private final StockService stock;

    StockEventStream(StockSubscribers subscribers, StockService stock) {
        this.subscribers = subscribers;
        this.stock = stock;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Scopes.INVENTORY_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_READ)
    @Operation(
            summary = "Stock changes as server-sent events",
            description =
                    "The same feed as the WebSocket on this path. Events are named stock; ids are <sku>@<version>.")
    @APIResponse(responseCode = "200", description = "text/event-stream")
    public void stream(
            @QueryParam("sku") @Parameter(description = "repeatable, 1 to 1000") List<String> skus,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink,
            @Context Sse sse) {
        if (skus == null || skus.isEmpty() || skus.size() > 1000) {
            throw DomainException.invalid("sku", "name 1 to 1000 SKUs with ?sku=");
        }
        for (String sku : skus) {
            if (!Sku.isValid(sku)) {
                throw DomainException.invalid("sku", "'" + sku + "' is not a SKU");
            }
        }
        String id = "sse:" + UUID.randomUUID();
        StockSubscribers.Channel channel = new StockSubscribers.Channel() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void send(StockSubscribers.StockMessage message, Runnable onFailure) {
                if (sink.isClosed()) {
                    onFailure.run();
                    return;
                }
                sink.send(sse.newEventBuilder()
                                .name("stock")
                                .id(message.sku() + "@" + message.version())
                                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                .data(message.json())
                                .build())
                        .whenComplete((ok, failure) -> {
                            if (failure != null) {
                                onFailure.run();
                            }
                        });
            }
        };
        StockSubscribers.Subscriber subscriber = subscribers.open(channel);
        if (lastEventId != null && lastEventId.contains("@")) {
            String sku = lastEventId.substring(0, lastEventId.lastIndexOf('@'));
            try {
                subscriber.sent().put(sku, Long.parseLong(lastEventId.substring(lastEventId.lastIndexOf('@') + 1)));
            } catch (NumberFormatException ignored) {
                // an id we did not issue: full snapshot
            }
        }
        List<String> wanted = List.copyOf(new LinkedHashSet<>(skus));
        subscriber.skus().addAll(wanted);
        for (StockLevel level : stock.levels(wanted).items()) {
            subscribers.send(subscriber, level);
        }
    }
}
