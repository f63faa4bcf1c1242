-- Market Bridge ERP contract, version 1 (see docs/erp-contract.md).
-- Portable SQL; the few type names that differ per database come from db/dialect/<vendor>.properties.

-- One row per marketplace order. The ERP owns erp_status; the runtime writes a row once and never rewrites it.
CREATE TABLE MB_ORDER (
    marketplace        VARCHAR(16)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    order_id           VARCHAR(64)  NOT NULL,
    ordered_at         VARCHAR(40),
    paid_at            VARCHAR(40),
    status             VARCHAR(24)  NOT NULL,
    marketplace_status VARCHAR(40),
    buyer_name         VARCHAR(100),
    buyer_phone        VARCHAR(40),
    buyer_email        VARCHAR(200),
    receiver_name      VARCHAR(100),
    receiver_phone1    VARCHAR(40),
    receiver_phone2    VARCHAR(40),
    receiver_postcode  VARCHAR(10),
    receiver_address1  VARCHAR(300),
    receiver_address2  VARCHAR(300),
    delivery_message   VARCHAR(500),
    customs_id         VARCHAR(40),
    currency           VARCHAR(3)   NOT NULL,
    items_amount       DECIMAL(15,2),
    discount_amount    DECIMAL(15,2),
    shipping_fee       DECIMAL(15,2),
    paid_amount        DECIMAL(15,2),
    collected_at       ${ts}        NOT NULL,
    raw_payload        ${text},
    erp_status         VARCHAR(20)  DEFAULT 'NEW' NOT NULL,
    PRIMARY KEY (marketplace, account_id, order_id)
);
CREATE INDEX MB_ORDER_ERP_STATUS ON MB_ORDER (erp_status);

-- One row per order line. shipment_id is the unit the marketplace ships by (Coupang shipmentBoxId).
CREATE TABLE MB_ORDER_LINE (
    marketplace        VARCHAR(16)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    order_id           VARCHAR(64)  NOT NULL,
    line_id            VARCHAR(64)  NOT NULL,
    shipment_id        VARCHAR(64),
    product_id         VARCHAR(64),
    option_id          VARCHAR(64),
    seller_sku         VARCHAR(100),
    product_name       VARCHAR(500),
    option_name        VARCHAR(500),
    quantity           INTEGER      NOT NULL,
    unit_price         DECIMAL(15,2),
    line_amount        DECIMAL(15,2),
    discount_amount    DECIMAL(15,2),
    status             VARCHAR(24)  NOT NULL,
    marketplace_status VARCHAR(40),
    collected_at       ${ts}        NOT NULL,
    erp_status         VARCHAR(20)  DEFAULT 'NEW' NOT NULL,
    PRIMARY KEY (marketplace, account_id, order_id, line_id)
);

-- Changes that arrived after an order was delivered (a new receiver address, lines added later).
-- Delivered as new rows, never as a rewrite of MB_ORDER. fingerprint makes a re-detected change one row.
CREATE TABLE MB_ORDER_CHANGE (
    change_id          ${identity}  PRIMARY KEY,
    marketplace        VARCHAR(16)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    order_id           VARCHAR(64)  NOT NULL,
    change_type        VARCHAR(24)  NOT NULL,
    fingerprint        VARCHAR(64)  NOT NULL,
    receiver_name      VARCHAR(100),
    receiver_phone1    VARCHAR(40),
    receiver_phone2    VARCHAR(40),
    receiver_postcode  VARCHAR(10),
    receiver_address1  VARCHAR(300),
    receiver_address2  VARCHAR(300),
    delivery_message   VARCHAR(500),
    detail             ${text},
    detected_at        ${ts}        NOT NULL,
    erp_status         VARCHAR(20)  DEFAULT 'NEW' NOT NULL,
    CONSTRAINT MB_ORDER_CHANGE_UK UNIQUE (marketplace, account_id, order_id, change_type, fingerprint)
);

-- Runtime state (the ERP reads these only for monitoring) -------------------------------------------

-- One row per order the runtime has delivered. delivery_state PENDING_CSV until the batch CSV holding
-- it is written; csv_batch is assigned before the file is written so a replay rewrites the same file.
CREATE TABLE MB_DELIVERY (
    marketplace        VARCHAR(16)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    order_id           VARCHAR(64)  NOT NULL,
    delivery_state     VARCHAR(16)  NOT NULL,
    csv_batch          VARCHAR(120),
    order_json         ${text}      NOT NULL,
    delivered_at       ${ts}        NOT NULL,
    PRIMARY KEY (marketplace, account_id, order_id)
);
CREATE INDEX MB_DELIVERY_STATE ON MB_DELIVERY (account_id, delivery_state);

-- One row per marketplace shipping unit: whether it was acknowledged (발주확인) at the marketplace.
CREATE TABLE MB_CONFIRMATION (
    marketplace        VARCHAR(16)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    shipment_id        VARCHAR(64)  NOT NULL,
    order_id           VARCHAR(64)  NOT NULL,
    confirm_state      VARCHAR(16)  NOT NULL,
    attempts           INTEGER      DEFAULT 0 NOT NULL,
    result_code        VARCHAR(64),
    result_message     VARCHAR(500),
    updated_at         ${ts}        NOT NULL,
    PRIMARY KEY (marketplace, account_id, shipment_id)
);
CREATE INDEX MB_CONFIRMATION_STATE ON MB_CONFIRMATION (account_id, confirm_state);

-- Polling cursor per account and job: the end of the last window that was fully delivered.
CREATE TABLE MB_CURSOR (
    account_id         VARCHAR(64)  NOT NULL,
    job                VARCHAR(32)  NOT NULL,
    cursor_value       VARCHAR(40)  NOT NULL,
    updated_at         ${ts}        NOT NULL,
    PRIMARY KEY (account_id, job)
);

-- Payloads that could not be mapped, kept with the reason. Set status to 'REPLAY' to have the runtime
-- map and deliver the (possibly corrected) raw_payload again.
CREATE TABLE MB_INTAKE_ERROR (
    error_id           ${identity}  PRIMARY KEY,
    marketplace        VARCHAR(16)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    payload_ref        VARCHAR(100) NOT NULL,
    error_type         VARCHAR(16)  NOT NULL,
    reason             VARCHAR(1000) NOT NULL,
    raw_payload        ${text},
    status             VARCHAR(16)  NOT NULL,
    occurrences        INTEGER      DEFAULT 1 NOT NULL,
    created_at         ${ts}        NOT NULL,
    updated_at         ${ts}        NOT NULL,
    CONSTRAINT MB_INTAKE_ERROR_UK UNIQUE (marketplace, account_id, payload_ref)
);
CREATE INDEX MB_INTAKE_ERROR_STATUS ON MB_INTAKE_ERROR (status);
