-- Check values that let an instance prove at start-up that its configuration can read what is stored
-- (ADR 0029): per field-encryption key id a known text encrypted with that key ('crypto.key.<id>'), and
-- the pepper's HMAC of a known text ('secrets.pepper'). The first instance with a setting records its
-- value; later ones compare and refuse to start on a mismatch.
CREATE TABLE platform.startup_checks (
    name       text PRIMARY KEY,
    value      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON platform.startup_checks TO quartermaster_app;
