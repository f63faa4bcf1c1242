-- Runtime state: the accounts and jobs an operator paused on the management port (README, "Operating a running
-- node"), so a pause survives a restart. job is a job name (orders, claims) or '*' for the whole account.
CREATE TABLE MB_ACCOUNT_PAUSE (
    account_id         VARCHAR(64)  NOT NULL,
    job                VARCHAR(16)  NOT NULL,
    paused_at          ${ts}        NOT NULL,
    PRIMARY KEY (account_id, job)
);
