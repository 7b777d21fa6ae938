package inventory.internal.web;

import apidoc.ApiTags;
import apidoc.Vocabulary;
import inventory.Sku;
import inventory.internal.domain.StockService;
import inventory.internal.messaging.StockSubscribers;
import io.quarkus.security.identity.SecurityIdentity;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import platform.error.DomainException;
import tenancy.Scopes;
import tenancy.TenancyApi;

/**
 * The stock feed as server-sent events on the WebSocket's path ({@code Accept: text/event-stream},
 * {@code ?sku=…}): a snapshot per SKU, then every change. Each event's id is {@code <sku>@<version>};
 * a reconnecting client's {@code Last-Event-ID} spares it the snapshot of that SKU when nothing changed.
 */
@Path("/v1/inventory/stream")
@Tag(name = ApiTags.INVENTORY)
public class StockEventStream {

    private final StockSubscribers subscribers;
    private final StockService stock;
    private final SecurityIdentity identity;
    private final TenancyApi tenancy;

    StockEventStream(StockSubscribers subscribers, StockService stock, SecurityIdentity identity, TenancyApi tenancy) {
        this.subscribers = subscribers;
        this.stock = stock;
        this.identity = identity;
        this.tenancy = tenancy;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Scopes.INVENTORY_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_READ)
    @Operation(
            operationId = "streamStockLevels",
            summary = "Stock changes as server-sent events",
            description = "The same feed as the WebSocket on this path (GET with Upgrade: websocket, not described"
                    + " here). A snapshot event per SKU, then one per change; events are named stock, their data is"
                    + " a StockLevel as JSON and their id <sku>@<version>. The stream ends when the token expires, and"
                    + " within seconds when its credential is revoked or its client suspended.")
    @APIResponse(
            responseCode = "200",
            description = "an endless text/event-stream of stock events",
            content =
                    @Content(
                            mediaType = MediaType.SERVER_SENT_EVENTS,
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            description = "event: stock / id: <sku>@<version> / data: StockLevel JSON",
                                            example = "event: stock\nid: BOLT-M8@42\ndata: {\"sku\":\"BOLT-M8\","
                                                    + "\"onHand\":1200,\"reserved\":0,\"held\":0,\"available\":1200,"
                                                    + "\"version\":42,\"updatedAt\":\"2026-11-26T10:00:00Z\"}\n\n")))
    public void stream(
            @QueryParam("sku")
                    @Parameter(
                            required = true,
                            description = "repeatable, 1 to 1000",
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            minItems = 1,
                                            maxItems = 1000,
                                            implementation = Vocabulary.Sku.class))
                    List<String> skus,
            @QueryParam("include")
                    @Parameter(
                            description = "locations: every change also carries the SKU's per-location levels"
                                    + " (\"locations\":[LocationLevel…]), its snapshot too",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"locations"}))
                    String include,
            @HeaderParam("Last-Event-ID")
                    @Parameter(description = "the id of the last event received: resume without that SKU's snapshot")
                    String lastEventId,
            @Context SseEventSink sink,
            @Context Sse sse) {
        if (include != null && !include.equals("locations")) {
            throw DomainException.invalid("include", "the only value is locations");
        }
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
            public boolean open() {
                return !sink.isClosed();
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

            @Override
            public void end(DomainException refusal) {
                sink.close();
            }
        };
        StockSubscribers.Subscriber subscriber = subscribers.open(channel, tenancy.grantOf(identity.getPrincipal()));
        if (subscriber == null) {
            throw new DomainException(
                            platform.error.ErrorCode.RATE_LIMITED,
                            "This client has " + subscribers.config().maxStreamsPerClient()
                                    + " streams open already; close one first")
                    .retryAfter(5);
        }
        if (lastEventId != null && lastEventId.contains("@")) {
            String sku = lastEventId.substring(0, lastEventId.lastIndexOf('@'));
            try {
                subscriber.sent().put(sku, Long.parseLong(lastEventId.substring(lastEventId.lastIndexOf('@') + 1)));
            } catch (NumberFormatException ignored) {
                // an id we did not issue: full snapshot
            }
        }
        subscriber.locations = include != null;
        List<String> wanted = List.copyOf(new LinkedHashSet<>(skus));
        subscriber.skus().addAll(wanted);
        subscribers.snapshot(subscriber, stock.levels(wanted).items());
    }
}
