-- Cluster-wide rate limits (docs/cluster.md): one row per call route and limit key (a Coupang vendor id, a Naver
-- application, an 11st account, an ESM seller ID) holding the earliest time (epoch milliseconds) its next call may
-- go. A node takes a call's slot under the row's lock and waits for it, so the nodes of a cluster share one budget
-- per key. Used only when marketbridge.cluster.enabled = true.
CREATE TABLE MB_RATE_BUDGET (
    limit_key          VARCHAR(250) NOT NULL,
    next_at_ms         BIGINT       NOT NULL,
    PRIMARY KEY (limit_key)
);
