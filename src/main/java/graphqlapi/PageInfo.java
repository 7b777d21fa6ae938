package graphqlapi;

/** Relay's {@code PageInfo}: forward pagination only, so {@code hasPreviousPage} tells whether {@code after} was given. */
public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}
