-- Cluster-wide rate limits (docs/cluster.md): one row per call route and limit key (a Coupang vendor id, a Naver
-- application, an 11st account, an ESM seller ID) holding the earliest time (epoch milliseconds) its next call may
-- go. A node takes a call's slot under the row's lock and waits for it, so the nodes of a cluster share one budget
-- per key. Used only when marketbridge.cluster.enabled = true.
CREATE TABLE MB_RATE_BUDGET (
    limit_key          VARCHAR(250) NOT NULL,
    next_at_ms         BIGINT       NOT NULL,
    PRIMARY KEY (limit_key)
);

-- The read locks of CSV inbox files that several nodes see (a shared inbox folder, docs/cluster.md): a node takes a
-- file only once it holds the file's row; the row goes when the file has been moved to done/ (or given up). A
-- row older than a lease is taken over (its node died while taking the file); a restarted node takes back its own.
CREATE TABLE MB_INBOX_LOCK (
    lock_key           VARCHAR(400) NOT NULL,
    node_id            VARCHAR(190) NOT NULL,
    taken_at           ${ts}        NOT NULL,
    PRIMARY KEY (lock_key)
);
