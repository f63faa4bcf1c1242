-- Sending the seller's decisions (MB_CLAIM_ACTION) to the marketplaces, and the claim action CSV inbox
-- (see docs/erp-contract.md, "MB_CLAIM_ACTION"). The runtime fills these columns:
-- resolved_claim_id: the MB_CLAIM claim a row given by order_id + line_id was matched to;
-- source_file, source_row: for rows from a CSV, the file (its SHA-256) and the row number.
ALTER TABLE MB_CLAIM_ACTION ADD COLUMN resolved_claim_id VARCHAR(64);
ALTER TABLE MB_CLAIM_ACTION ADD COLUMN source_file VARCHAR(100);
ALTER TABLE MB_CLAIM_ACTION ADD COLUMN source_row INTEGER;
CREATE UNIQUE INDEX MB_CLAIM_ACTION_SOURCE_UK ON MB_CLAIM_ACTION (source_file, source_row);

-- Runtime state: claim action CSV files taken from the inbox, and whether their result file is written.
CREATE TABLE MB_CLAIM_ACTION_FILE (
    file_key           VARCHAR(100) NOT NULL PRIMARY KEY,
    file_name          VARCHAR(255) NOT NULL,
    done_path          VARCHAR(1000) NOT NULL,
    encoding           VARCHAR(16)  NOT NULL,
    row_count          INTEGER      NOT NULL,
    received_at        ${ts}        NOT NULL,
    result_path        VARCHAR(1000),
    result_written_at  ${ts}
);
