-- Stock sync (see docs/erp-contract.md, "Stock sync"): the SKU mapping, the ERP's stock figures, and what the
-- runtime pushed to each listing.

-- MB_LISTING: one row per marketplace listing option and the seller SKU it is. Learned from delivered order lines
-- (source ORDER), set or corrected by the ERP (source ERP, the default: a row the ERP inserts is its own), or read
-- from the marketplace (CATALOG). The runtime updates a learned row's seller_sku from later orders; it never changes
-- seller_sku of an ERP row. listing_id / option_id are the keys the marketplace's stock call addresses (Coupang
-- vendorItemId / ''; Naver originProductNo / option id; 11st prdNo / prdStckNo; ESM goodsNo / '' with marketplace
-- GMARKET or AUCTION as the site; Lotte ON spdNo / sitmNo; Qoo10 itemCode / optionCode or '').
CREATE TABLE MB_LISTING (
    id                 ${identity}  PRIMARY KEY,
    marketplace        VARCHAR(16)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    listing_id         VARCHAR(64)  NOT NULL,
    option_id          VARCHAR(64)  DEFAULT '' NOT NULL,
    seller_sku         VARCHAR(100),
    source             VARCHAR(8)   DEFAULT 'ERP' NOT NULL,
    first_seen         ${ts},
    last_seen          ${ts},
    updated_at         ${ts}
);
CREATE UNIQUE INDEX MB_LISTING_KEY ON MB_LISTING (marketplace, account_id, listing_id, option_id);
CREATE INDEX MB_LISTING_SKU ON MB_LISTING (seller_sku);

-- MB_STOCK: the ERP's figure per SKU (rows the ERP owns; the stock inbox writes them too). 0 = sold out.
CREATE TABLE MB_STOCK (
    seller_sku         VARCHAR(100) NOT NULL PRIMARY KEY,
    quantity           INTEGER      NOT NULL,
    updated_at         ${ts}
);

-- MB_STOCK_PUSH: runtime state, one row per listing (MB_LISTING.id): the figure last attempted (quantity, for
-- seller_sku), the figure the marketplace last accepted (sent_quantity), and the outcome: SENDING, SENT, REJECTED
-- (not retried until the figure or the mapping changes) or FAILED (retried at next_attempt_at; NULL = gave up
-- until the figure changes). claim_no counts claims, so two nodes never claim one row twice.
CREATE TABLE MB_STOCK_PUSH (
    listing_row_id     BIGINT       NOT NULL PRIMARY KEY,
    seller_sku         VARCHAR(100),
    quantity           INTEGER,
    sent_quantity      INTEGER,
    status             VARCHAR(16)  NOT NULL,
    attempts           INTEGER      DEFAULT 0 NOT NULL,
    result_code        VARCHAR(64),
    result_message     VARCHAR(1000),
    stock_updated_at   ${ts},
    claim_no           INTEGER      DEFAULT 0 NOT NULL,
    claimed_by         VARCHAR(64),
    claimed_at         ${ts},
    next_attempt_at    ${ts},
    sent_at            ${ts},
    updated_at         ${ts}
);
CREATE INDEX MB_STOCK_PUSH_STATUS ON MB_STOCK_PUSH (status);

-- Every listing with its SKU, the ERP's figure and what the marketplace holds as far as the runtime knows.
CREATE VIEW MB_LISTING_STOCK AS
SELECT l.id AS listing_row_id, l.marketplace, l.account_id, l.listing_id, l.option_id, l.seller_sku, l.source,
       s.quantity AS erp_quantity, p.sent_quantity, p.status, p.result_code, p.result_message, p.attempts,
       p.sent_at, p.updated_at AS push_updated_at
FROM MB_LISTING l
LEFT JOIN MB_STOCK s ON s.seller_sku = l.seller_sku
LEFT JOIN MB_STOCK_PUSH p ON p.listing_row_id = l.id;

-- SKUs the ERP gave a figure that no listing is mapped to: nothing is pushed for them until one is.
CREATE VIEW MB_STOCK_UNMAPPED AS
SELECT s.seller_sku, s.quantity, s.updated_at
FROM MB_STOCK s
WHERE NOT EXISTS (SELECT 1 FROM MB_LISTING l WHERE l.seller_sku = s.seller_sku);

-- The stock and listing CSV inboxes (./in/stock, ./in/listings): files taken and one outcome row per data row,
-- as for the shipment inbox.
CREATE TABLE MB_STOCK_FILE (
    file_key           VARCHAR(100) NOT NULL PRIMARY KEY,
    file_name          VARCHAR(255) NOT NULL,
    done_path          VARCHAR(1000) NOT NULL,
    encoding           VARCHAR(16)  NOT NULL,
    row_count          INTEGER      NOT NULL,
    received_at        ${ts}        NOT NULL,
    result_path        VARCHAR(1000),
    result_written_at  ${ts}
);
CREATE TABLE MB_STOCK_FILE_ROW (
    source_file        VARCHAR(100) NOT NULL,
    source_row         INTEGER      NOT NULL,
    seller_sku         VARCHAR(100),
    quantity           INTEGER,
    status             VARCHAR(16)  NOT NULL,
    result_code        VARCHAR(64),
    result_message     VARCHAR(1000),
    next_attempt_at    ${ts},
    PRIMARY KEY (source_file, source_row)
);
CREATE TABLE MB_LISTING_FILE (
    file_key           VARCHAR(100) NOT NULL PRIMARY KEY,
    file_name          VARCHAR(255) NOT NULL,
    done_path          VARCHAR(1000) NOT NULL,
    encoding           VARCHAR(16)  NOT NULL,
    row_count          INTEGER      NOT NULL,
    received_at        ${ts}        NOT NULL,
    result_path        VARCHAR(1000),
    result_written_at  ${ts}
);
CREATE TABLE MB_LISTING_FILE_ROW (
    source_file        VARCHAR(100) NOT NULL,
    source_row         INTEGER      NOT NULL,
    marketplace        VARCHAR(16),
    account_id         VARCHAR(64),
    listing_id         VARCHAR(64),
    option_id          VARCHAR(64),
    seller_sku         VARCHAR(100),
    status             VARCHAR(16)  NOT NULL,
    result_code        VARCHAR(64),
    result_message     VARCHAR(1000),
    next_attempt_at    ${ts},
    PRIMARY KEY (source_file, source_row)
);
