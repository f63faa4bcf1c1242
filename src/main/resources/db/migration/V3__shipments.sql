-- Market Bridge ERP contract, version 2: shipments from the ERP to the marketplace (see docs/erp-contract.md).

-- One row per tracking number the ERP hands over, by INSERT or through a CSV in the inbox folder. The ERP
-- fills marketplace, account_id, order_id, line_id (empty: every line of the order not shipped yet),
-- courier, tracking_no and optionally shipped_at; the runtime owns every other column. status:
-- READY -> SENDING -> SENT | REJECTED (the marketplace or the runtime said no; never retried) | FAILED
-- (transient; retried with backoff while attempts < the configured maximum, then left with its last error).
CREATE TABLE MB_SHIPMENT (
    id                 ${identity}  PRIMARY KEY,
    marketplace        VARCHAR(16),
    account_id         VARCHAR(64),
    order_id           VARCHAR(64),
    line_id            VARCHAR(64),
    courier            VARCHAR(60),
    tracking_no        VARCHAR(60),
    shipped_at         ${ts},
    status             VARCHAR(16)  DEFAULT 'READY' NOT NULL,
    attempts           INTEGER      DEFAULT 0 NOT NULL,
    result_code        VARCHAR(64),
    result_message     VARCHAR(1000),
    courier_code       VARCHAR(20),
    shipment_units     VARCHAR(500),
    source_file        VARCHAR(100),
    source_row         INTEGER,
    claimed_by         VARCHAR(64),
    claimed_at         ${ts},
    next_attempt_at    ${ts},
    created_at         ${ts},
    updated_at         ${ts},
    CONSTRAINT MB_SHIPMENT_SOURCE_UK UNIQUE (source_file, source_row)
);
CREATE INDEX MB_SHIPMENT_STATUS ON MB_SHIPMENT (status, id);
CREATE INDEX MB_SHIPMENT_ORDER ON MB_SHIPMENT (marketplace, account_id, order_id);

-- What is not yet SENT (waiting, in flight, failed, rejected). Read it oldest first: ORDER BY id.
CREATE VIEW MB_SHIPMENT_OPEN AS
    SELECT id, marketplace, account_id, order_id, line_id, courier, tracking_no, status, attempts,
           result_code, result_message, created_at, updated_at
    FROM MB_SHIPMENT
    WHERE status <> 'SENT';

-- Runtime state: the tracking number each line was last sent with. It makes a repeated submission one
-- upload and turns a new number for a shipped line into the marketplace's update call.
CREATE TABLE MB_SHIPPED_LINE (
    marketplace        VARCHAR(16)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    order_id           VARCHAR(64)  NOT NULL,
    line_id            VARCHAR(64)  NOT NULL,
    shipment_id        VARCHAR(64),
    courier_code       VARCHAR(20)  NOT NULL,
    tracking_no        VARCHAR(60)  NOT NULL,
    shipment_row       BIGINT       NOT NULL,
    sent_at            ${ts}        NOT NULL,
    PRIMARY KEY (marketplace, account_id, order_id, line_id)
);

-- Runtime state: shipment CSV files taken from the inbox, and whether their result file is written.
CREATE TABLE MB_SHIPMENT_FILE (
    file_key           VARCHAR(100) NOT NULL PRIMARY KEY,
    file_name          VARCHAR(255) NOT NULL,
    done_path          VARCHAR(1000) NOT NULL,
    encoding           VARCHAR(16)  NOT NULL,
    row_count          INTEGER      NOT NULL,
    received_at        ${ts}        NOT NULL,
    result_path        VARCHAR(1000),
    result_written_at  ${ts}
);
