package io.marketbridge.intake;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.order.Order;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays MB_INTAKE_ERROR rows marked REPLAY: maps the stored (possibly corrected) payload with the mapper of
 * the connector serving the row's account ({@link MarketplaceConnector#mapForReplay}) and delivers it like a
 * polled order. Acknowledgement follows on the account's next poll.
 */
public class IntakeReplay {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeReplay.class);

    private final IntakeErrors errors;
    private final OrderIntake intake;
    private final AccountRegistry accounts;

    public IntakeReplay(IntakeErrors errors, OrderIntake intake, AccountRegistry accounts) {
        this.errors = errors;
        this.intake = intake;
        this.accounts = accounts;
    }

    public int replayRequested() throws SQLException {
        int delivered = 0;
        for (IntakeErrors.ErrorRow row : errors.replayRequested()) {
            try {
                Account account = accounts.require(row.accountId());
                MarketplaceConnector connector = accounts.connector(account);
                if (!connector.serves(row.marketplace())) {
                    throw new IllegalStateException("account " + account.id() + " is a " + connector.key()
                            + " account, not " + row.marketplace().code());
                }
                Order order = connector.mapForReplay(account, row.rawPayload());
                OrderIntake.Outcome outcome = intake.deliver(order, account.autoConfirm());
                intake.writeCsvBatches(account.id());
                errors.finishReplay(row.id(), true, "replayed: " + outcome);
                LOG.info("Replayed intake error {} ({} {}): {}", row.id(), row.marketplace().code(), row.payloadRef(), outcome);
                delivered++;
            } catch (RuntimeException e) {
                String why = SafeMessages.of(e);
                errors.finishReplay(row.id(), false, "replay failed: " + why);
                LOG.warn("Replay of intake error {} ({} {}) failed: {}", row.id(), row.marketplace().code(),
                        row.payloadRef(), why);
            }
        }
        return delivered;
    }
}
