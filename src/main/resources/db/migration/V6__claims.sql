-- Market Bridge ERP contract, version 3: claims (cancellations, returns, exchanges) from the marketplaces, and the
-- seller's decisions on them (see docs/erp-contract.md).

-- One row per claim event and line: a claim's line seen in a status (REQUESTED, APPROVED, COMPLETED, REJECTED,
-- WITHDRAWN). A claim that moves on adds a row; the runtime never rewrites one, and a claim read again is the
-- same key, never a second row. The ERP owns erp_status. file_state and csv_batch are the runtime's file
-- ledger: PENDING_JSON until the claim's JSON file is written, PENDING_CSV until the batch CSV holding it is,
-- then DELIVERED (csv_batch is assigned before the CSV is written so a replay rewrites the same file).
CREATE TABLE MB_CLAIM (
    id                 ${identity}  PRIMARY KEY,
    marketplace        VARCHAR(16)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    claim_id           VARCHAR(64)  NOT NULL,
    line_id            VARCHAR(64)  NOT NULL,
    claim_status       VARCHAR(16)  NOT NULL,
    claim_type         VARCHAR(16)  NOT NULL,
    order_id           VARCHAR(64)  NOT NULL,
    shipment_id        VARCHAR(64),
    quantity           INTEGER      NOT NULL,
    reason_code        VARCHAR(64),
    reason_text        VARCHAR(1000),
    requested_at       VARCHAR(40),
    status_at          VARCHAR(40),
    marketplace_status VARCHAR(40),
    collected_at       ${ts}        NOT NULL,
    raw_payload        ${text},
    erp_status         VARCHAR(20)  DEFAULT 'NEW' NOT NULL,
    file_state         VARCHAR(16)  NOT NULL,
    csv_batch          VARCHAR(120),
    CONSTRAINT MB_CLAIM_UK UNIQUE (marketplace, account_id, claim_id, line_id, claim_status)
);
CREATE INDEX MB_CLAIM_ORDER_LINE ON MB_CLAIM (account_id, order_id, line_id);
CREATE INDEX MB_CLAIM_FILE_STATE ON MB_CLAIM (account_id, file_state);
CREATE INDEX MB_CLAIM_BATCH ON MB_CLAIM (csv_batch);
CREATE INDEX MB_CLAIM_ERP_STATUS ON MB_CLAIM (erp_status);

-- The seller's decisions on claims, inserted by the ERP: marketplace, account_id, and claim_id or order_id +
-- line_id; action APPROVE_CANCEL | SHIP_INSTEAD | APPROVE_RETURN | SELLER_CANCEL; courier and tracking_no
-- where the action ships (SHIP_INSTEAD); reason where the marketplace wants one. The runtime owns every other
-- column, with MB_SHIPMENT's states: READY -> SENDING -> SENT | REJECTED (never retried) | FAILED (retried
-- with backoff while attempts < the configured maximum).
CREATE TABLE MB_CLAIM_ACTION (
    id                 ${identity}  PRIMARY KEY,
    marketplace        VARCHAR(16),
    account_id         VARCHAR(64),
    claim_id           VARCHAR(64),
    order_id           VARCHAR(64),
    line_id            VARCHAR(64),
    action             VARCHAR(24),
    courier            VARCHAR(60),
    tracking_no        VARCHAR(60),
    reason             VARCHAR(1000),
    status             VARCHAR(16)  DEFAULT 'READY' NOT NULL,
    attempts           INTEGER      DEFAULT 0 NOT NULL,
    result_code        VARCHAR(64),
    result_message     VARCHAR(1000),
    claimed_by         VARCHAR(64),
    claimed_at         ${ts},
    next_attempt_at    ${ts},
    created_at         ${ts},
    updated_at         ${ts}
);
CREATE INDEX MB_CLAIM_ACTION_STATUS ON MB_CLAIM_ACTION (status, id);
CREATE INDEX MB_CLAIM_ACTION_CLAIM ON MB_CLAIM_ACTION (marketplace, account_id, claim_id);
