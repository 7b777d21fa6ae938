package tenancy.internal.web;

import jakarta.ws.rs.core.Application;

/** The JAX-RS application. The OpenAPI document's header and security schemes live in {@code apidoc.ApiDocument}. */
public class ApiDefinition extends Application {}
