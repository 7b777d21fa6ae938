package tenancy.internal.domain;

/** An access token as the token endpoint answers it. */
public record IssuedToken(String accessToken, long expiresIn, String scope) {}
