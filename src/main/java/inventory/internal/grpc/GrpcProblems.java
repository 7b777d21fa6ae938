package inventory.internal.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import platform.error.DomainException;
import platform.error.ErrorCode;

/**
 * A refusal as a gRPC status: the code that matches the REST status, the problem's detail as description,
 * and a {@code google.rpc.ErrorInfo} detail whose {@code reason} is the REST problem code (SPEC §8).
 */
final class GrpcProblems {

    private GrpcProblems() {}

    static StatusRuntimeException of(DomainException e) {
        Status.Code code = code(e.code());
        ErrorInfo.Builder info =
                ErrorInfo.newBuilder().setReason(e.code().code()).setDomain("quartermaster.dev");
        if (e.retryAfterSeconds() != null) {
            info.putMetadata("retryAfter", String.valueOf(e.retryAfterSeconds()));
        }
        e.errors().forEach(error -> info.putMetadata(error.pointer(), error.message()));
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.forNumber(code.value()).getNumber())
                .setMessage(e.getMessage() == null ? e.code().title() : e.getMessage())
                .addDetails(Any.pack(info.build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    static Status.Code code(ErrorCode code) {
        return switch (code) {
            case UNAUTHORIZED -> Status.Code.UNAUTHENTICATED;
            case INSUFFICIENT_SCOPE, CLIENT_SUSPENDED -> Status.Code.PERMISSION_DENIED;
            case NOT_FOUND, UNKNOWN_SKU -> Status.Code.NOT_FOUND;
            case RATE_LIMITED -> Status.Code.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case INTERNAL_ERROR -> Status.Code.INTERNAL;
            case VERSION_CONFLICT, PRECONDITION_REQUIRED, INSUFFICIENT_STOCK, STOCK_BELOW_RESERVED ->
                Status.Code.FAILED_PRECONDITION;
            case DUPLICATE_SKU, DUPLICATE_EXTERNAL_REF, CONFLICT, INVALID_TRANSITION, IDEMPOTENCY_KEY_IN_FLIGHT ->
                Status.Code.ABORTED;
            default -> Status.Code.INVALID_ARGUMENT;
        };
    }
}
