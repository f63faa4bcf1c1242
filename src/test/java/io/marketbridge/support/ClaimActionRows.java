package io.marketbridge.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/** MB_CLAIM_ACTION rows as the ERP writes them, and their outcome as the claim action dispatch leaves it. */
public final class ClaimActionRows {

    private ClaimActionRows() {
    }

    /** Inserts a READY row; its id. */
    public static long insert(DataSource db, String marketplace, String accountId, String claimId, String orderId,
                              String lineId, String action, String courier, String tracking, String reason) {
        Db.update(db, "INSERT INTO MB_CLAIM_ACTION (marketplace, account_id, claim_id, order_id, line_id, action, courier,"
                        + " tracking_no, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", marketplace, accountId, claimId, orderId,
                lineId, action, courier, tracking, reason);
        return Db.count(db, "SELECT MAX(id) FROM MB_CLAIM_ACTION");
    }

    public static Object column(DataSource db, long id, String column) {
        return Db.list(db, "SELECT " + column + " FROM MB_CLAIM_ACTION WHERE id = ?", id).get(0);
    }

    /** Waits until the row is SENT, REJECTED, or FAILED for good (no next try); that status. */
    public static String awaitFinal(DataSource db, long id, Duration atMost) {
        await().atMost(atMost).until(() -> List.of("SENT", "REJECTED").contains((String) column(db, id, "status"))
                || ("FAILED".equals(column(db, id, "status")) && column(db, id, "next_attempt_at") == null));
        return (String) column(db, id, "status");
    }
}
