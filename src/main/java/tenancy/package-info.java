/**
 * Tenancy: business clients, their credentials and scopes, the OAuth 2.0 token endpoint and the keys
 * that sign tokens. It publishes {@link tenancy.TenancyApi} (client terms for pricing and credit) and
 * {@link tenancy.Caller} (who is calling). It depends on no other module, only on the shared kernel.
 */
package tenancy;
