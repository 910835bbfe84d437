-- Named credentials (docs/credentials.md): the type in clear for lists, everything else one encrypted document.
CREATE TABLE credentials (
    name       TEXT    NOT NULL PRIMARY KEY,
    type       TEXT    NOT NULL,
    grant_type TEXT,
    document   TEXT    NOT NULL,
    updated_at INTEGER  NOT NULL
);

-- OAuth tokens obtained for a credential, encrypted, with expires_at (ms, null when not told) is in clear so expiry is read without decrypting.
CREATE TABLE credential_tokens (
    name       TEXT    NOT NULL PRIMARY KEY REFERENCES credentials (name) ON DELETE CASCADE,
    tokens     TEXT    NOT NULL,
    expires_at INTEGER,
    updated_at INTEGER  NOT NULL
)
