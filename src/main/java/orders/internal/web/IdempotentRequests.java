package orders.internal.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import orders.internal.domain.IdempotencyStore;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.web.Problem;
import platform.web.ProblemResponses;

/**
 * Runs a creating request under its {@code Idempotency-Key}: the first request does the work and its
 * answer (success or 4xx refusal) is stored; the same key and body again get that answer with
 * {@code Idempotent-Replayed: true}; another body gets 422, and a key whose first request is still
 * running gets 409.
 */
@ApplicationScoped
class IdempotentRequests {

    static final String HEADER = "Idempotency-Key";

    private final IdempotencyStore store;
    private final ProblemResponses problems;
    private final ObjectMapper json;

    IdempotentRequests(IdempotencyStore store, ProblemResponses problems, ObjectMapper json) {
        this.store = store;
        this.problems = problems;
        this.json = json;
    }

    Response run(
            UUID clientId,
            String endpoint,
            String key,
            JsonNode body,
            Function<Optional<IdempotencyStore.Claim>, Response> action) {
        if (key == null) {
            return action.apply(Optional.empty());
        }
        if (key.isEmpty() || key.length() > 255) {
            throw DomainException.invalid(HEADER, "Idempotency-Key must have 1 to 255 characters");
        }
        byte[] hash = IdempotencyStore.hash(body == null ? "" : body.toString());
        IdempotencyStore.Outcome outcome = store.begin(clientId, endpoint, key, hash);
        if (outcome instanceof IdempotencyStore.Begun begun) {
            try {
                return work(begun.claim(), action, false);
            } catch (IdempotencyStore.AnsweredMeanwhile meanwhile) {
                outcome = store.begin(clientId, endpoint, key, hash);
            }
        }
        return answer(outcome);
    }

    /**
     * {@link #run} without the separate transaction that looks the key up first (ADR 0053), for an action
     * whose transaction starts with {@link IdempotencyStore#holdAsTenant}: a first use (the common case)
     * costs no extra round trip; a key with an answer is found by that hold, the action's transaction rolls
     * back, and the stored answer is given as {@link #run} gives it. A refusal the action raises before its
     * transaction (an invalid body) is checked against the key first, so a stored answer still wins.
     */
    Response runDirect(
            UUID clientId,
            String endpoint,
            String key,
            JsonNode body,
            Function<Optional<IdempotencyStore.Claim>, Response> action) {
        if (key == null) {
            return action.apply(Optional.empty());
        }
        if (key.isEmpty() || key.length() > 255) {
            throw DomainException.invalid(HEADER, "Idempotency-Key must have 1 to 255 characters");
        }
        byte[] hash = IdempotencyStore.hash(body == null ? "" : body.toString());
        IdempotencyStore.Claim claim = new IdempotencyStore.Claim(clientId, endpoint, key, hash);
        try {
            return work(claim, action, true);
        } catch (IdempotencyStore.AnsweredMeanwhile meanwhile) {
            return answer(store.begin(clientId, endpoint, key, hash));
        }
    }

    private Response answer(IdempotencyStore.Outcome outcome) {
        if (outcome instanceof IdempotencyStore.Reused) {
            throw new DomainException(
                    ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with a different request body");
        }
        if (outcome instanceof IdempotencyStore.InFlight || outcome instanceof IdempotencyStore.Begun) {
            throw IdempotencyStore.inFlight();
        }
        if (outcome instanceof IdempotencyStore.Replay replay) {
            Response.ResponseBuilder builder = Response.status(replay.status())
                    .type(replay.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                    .entity(replay.body())
                    .header("Idempotent-Replayed", "true");
            if (replay.location() != null) {
                builder.location(URI.create(replay.location()));
            }
            return builder.build();
        }
        throw new IllegalStateException("unexpected outcome " + outcome);
    }

    /** Runs the work, whose transaction holds the key; stores a refusal's answer, never an in-flight 409. */
    private Response work(
            IdempotencyStore.Claim claim,
            Function<Optional<IdempotencyStore.Claim>, Response> action,
            boolean unchecked) {
        try {
            return action.apply(Optional.of(claim));
        } catch (DomainException refusal) {
            if (refusal.code().status() >= 500 || refusal.code() == ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT) {
                store.release(claim);
                throw refusal;
            }
            if (unchecked) { // the key was not looked up yet: an answer stored under it comes first
                IdempotencyStore.Outcome seen =
                        store.begin(claim.clientId(), claim.endpoint(), claim.key(), claim.requestHash());
                if (!(seen instanceof IdempotencyStore.Begun)) {
                    return answer(seen);
                }
            }
            Response response =
                    problems.build(refusal.code(), refusal.getMessage(), refusal.errors(), refusal.extensions());
            store.completeWithRefusal(claim, response.getStatus(), toJson(response.getEntity()));
            return response;
        } catch (IdempotencyStore.AnsweredMeanwhile meanwhile) {
            throw meanwhile;
        } catch (RuntimeException unexpected) {
            store.release(claim);
            throw unexpected;
        }
    }

    private String toJson(Object entity) {
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
