package tenancy.internal.domain;

/** A credential was revoked or a client's status changed: cached credential checks are stale. */
public record CredentialsChanged() {}
