-- Tenancy owns its schema: business clients, their credentials and the token signing keys.
CREATE SCHEMA IF NOT EXISTS tenancy;

CREATE TABLE tenancy.clients (
    id                    uuid PRIMARY KEY,
    name                  varchar(200)  NOT NULL,
    currency              char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    credit_limit          numeric(17,2) NOT NULL CHECK (credit_limit >= 0),
    discount_percent      numeric(5,2)  NOT NULL DEFAULT 0 CHECK (discount_percent >= 0 AND discount_percent <= 100),
    rate_limit_per_minute integer       CHECK (rate_limit_per_minute > 0),
    contact_email         text,          -- AES-256-GCM ciphertext, names its key
    tax_id                text,          -- AES-256-GCM ciphertext, names its key
    status                varchar(16)   NOT NULL CHECK (status IN ('active', 'suspended')),
    version               bigint        NOT NULL,
    created_at            timestamptz   NOT NULL,
    updated_at            timestamptz   NOT NULL
);
CREATE INDEX clients_keyset ON tenancy.clients (created_at, id);

-- A credential is what authenticates at the token endpoint. Client credentials belong to a client and
-- hold a keyed hash (HMAC-SHA-256 with a server-side pepper) of a 256-bit generated secret; the operator
-- credential has no client and holds a slow KDF hash of the secret a person chose.
CREATE TABLE tenancy.credentials (
    id              uuid PRIMARY KEY,
    client_id       uuid REFERENCES tenancy.clients (id),
    oauth_client_id varchar(255) NOT NULL,
    name            varchar(200) NOT NULL,
    scopes          text         NOT NULL,
    secret_hmac     bytea        UNIQUE,
    secret_kdf      text,
    status          varchar(16)  NOT NULL CHECK (status IN ('active', 'revoked')),
    created_at      timestamptz  NOT NULL,
    revoked_at      timestamptz,
    CHECK ((client_id IS NULL) = (secret_kdf IS NOT NULL)),
    CHECK ((client_id IS NULL) <> (secret_hmac IS NOT NULL))
);
CREATE INDEX credentials_by_client ON tenancy.credentials (client_id, created_at, id);
CREATE UNIQUE INDEX operator_credentials_by_oauth_id ON tenancy.credentials (oauth_client_id) WHERE client_id IS NULL;

-- Token signing keys, shared by every instance so that any of them issues and accepts the same tokens.
-- The private key is stored encrypted with the field-encryption key.
CREATE TABLE tenancy.signing_keys (
    kid         varchar(64) PRIMARY KEY,
    algorithm   varchar(16) NOT NULL,
    public_jwk  text        NOT NULL,
    private_key text        NOT NULL,
    created_at  timestamptz NOT NULL,
    retired_at  timestamptz
);
