/**
 * The store's schema, as numbered migrations. `PRAGMA user_version` holds the number of the last
 * one applied; each runs in the transaction that sets it, so a file is always at one version.
 * Never edit a released migration: add the next one.
 *
 * Tables follow seed 003 (`providers`, `models`, `provider_usage`, `provider_audit_log`) with what
 * PAL needs beside them: the provider package and its non-secret options, the ledger's extra
 * columns, the budget settings, the policy state (`state`) and two roll-ups of the ledger that keep
 * analytics fast over millions of rows (`usage_hourly`, `usage_runs`, written with each batch);
 * then a gateway's keys (hashed) and applications' settings.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the first schema
  `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE providers (
    id TEXT PRIMARY KEY,                 -- "openai", "anthropic", "groq"...
    display_name TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    credentials_json TEXT,               -- AES-256-GCM ciphertext of a JSON object, "pal1:" + base64
    credentials_masked TEXT,             -- JSON of the same names with masked values ("sk-...vX2Q")
    endpoint TEXT,                       -- the factory's baseURL
    package TEXT NOT NULL,               -- the provider package, imported by name ("@pal/provider-openai")
    factory TEXT NOT NULL DEFAULT 'createProvider',
    options_json TEXT,                   -- the factory's non-secret options
    default_model TEXT,
    last_validated_at INTEGER,
    last_validation_ok INTEGER,
    last_validation_error TEXT,          -- the PalError code of a failed validation
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  -- catalog overrides: a NULL column keeps the provider package's value
  CREATE TABLE models (
    id TEXT PRIMARY KEY,                 -- "openai/gpt-4o"
    provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,              -- "gpt-4o"
    display_name TEXT,
    context_window INTEGER,
    max_output INTEGER,
    cost_input REAL,                     -- USD per million input tokens
    cost_output REAL,                    -- USD per million output tokens
    cost_cached_input REAL,              -- USD per million cached input tokens
    supports_streaming INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX models_by_provider ON models(provider_id);

  -- one row per call on one target (a call the router moved on has a row per target)
  CREATE TABLE provider_usage (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id TEXT NOT NULL,           -- not a foreign key: providers registered in code are billed too
    model TEXT NOT NULL,
    run_id TEXT,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cost REAL NOT NULL,                  -- USD
    timestamp INTEGER NOT NULL,          -- epoch ms when the call ended
    request_id TEXT NOT NULL,
    user_id TEXT,
    operation TEXT,                      -- chat | stream | embed | image
    cached_input_tokens INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens INTEGER NOT NULL DEFAULT 0,
    reasoning_tokens INTEGER NOT NULL DEFAULT 0,
    latency_ms INTEGER NOT NULL,
    outcome TEXT NOT NULL,               -- success | error | aborted
    error_code TEXT,
    attempts INTEGER NOT NULL,
    trace_id TEXT,
    estimated INTEGER NOT NULL DEFAULT 0, -- usage estimated by PAL (the vendor reported none)
    cache_hit INTEGER NOT NULL DEFAULT 0, -- answered from PAL's response cache
    unpriced INTEGER NOT NULL DEFAULT 0   -- the model has no price: cost 0 means unknown
  );
  CREATE INDEX provider_usage_by_time ON provider_usage(timestamp);

  -- the ledger summed per UTC hour, provider and model
  CREATE TABLE usage_hourly (
    hour INTEGER NOT NULL,               -- epoch ms of the hour's start
    provider_id TEXT NOT NULL,
    model TEXT NOT NULL,
    calls INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cost REAL NOT NULL,
    PRIMARY KEY (hour, provider_id, model)
  ) WITHOUT ROWID;

  -- the ledger summed per run
  CREATE TABLE usage_runs (
    run_id TEXT PRIMARY KEY,
    calls INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cost REAL NOT NULL,
    first_at INTEGER NOT NULL,
    last_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX usage_runs_by_cost ON usage_runs(cost DESC);

  CREATE TABLE provider_audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id TEXT,                    -- NULL for store-wide events (master key, global budget)
    action TEXT NOT NULL,                -- "credentials_added", "provider_enabled", "model_changed"...
    actor TEXT,
    metadata TEXT,                       -- JSON, secrets masked
    timestamp INTEGER NOT NULL
  );
  CREATE INDEX audit_by_time ON provider_audit_log(timestamp);
  CREATE INDEX audit_by_provider ON provider_audit_log(provider_id, id);
  CREATE INDEX audit_by_action ON provider_audit_log(action, id);

  -- seed 003's ProviderBudget; provider_id '*' holds the limits over every provider together
  CREATE TABLE provider_budgets (
    provider_id TEXT PRIMARY KEY,
    daily_limit REAL,                    -- USD
    monthly_limit REAL,                  -- USD
    per_run_soft_cap INTEGER,            -- tokens
    per_run_hard_cap INTEGER,            -- tokens
    alert_threshold REAL,                -- 0.8 = alert at 80 %
    updated_at INTEGER NOT NULL
  );

  -- the policies' StateStore: JSON values, expiry in epoch ms by the store's clock
  CREATE TABLE state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    expires_at INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX state_by_expiry ON state(expires_at) WHERE expires_at IS NOT NULL;
  `,
  // 2: gateway keys (only their hashes) and applications' settings
  `
  -- the keys callers of a gateway present (virtual keys); the key itself is never stored
  CREATE TABLE gateway_keys (
    id TEXT PRIMARY KEY,                 -- "key_3fa9c2b1d4e5": names the key in lists, logs and budgets
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,       -- SHA-256 of the key, hex
    masked TEXT NOT NULL,                -- "sk-...Q2vX"
    allowed_models TEXT,                 -- JSON array of model patterns; NULL = any model
    requests_per_minute REAL,
    daily_limit REAL,                    -- USD
    monthly_limit REAL,                  -- USD
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    revoked_at INTEGER,                  -- a revoked key is refused and kept for the audit trail
    last_used_at INTEGER
  );

  -- settings an application keeps on the file (the gateway's routing), JSON by name
  CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** `PRAGMA application_id` of a PAL store ("PAL1"), so a foreign SQLite file is told apart. */
export const APPLICATION_ID = 0x50414c31;
