package io.marketbridge.intake;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays MB_INTAKE_ERROR rows marked REPLAY: maps the stored (possibly corrected) payload with the
 * marketplace's mapper and delivers it like a polled order. Acknowledgement follows on the account's next poll.
 */
public class IntakeReplay {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeReplay.class);

    private final IntakeErrors errors;
    private final OrderIntake intake;
    private final AccountRegistry accounts;
    private final Map<Marketplace, BiFunction<Account, String, Order>> mappers;

    public IntakeReplay(IntakeErrors errors, OrderIntake intake, AccountRegistry accounts,
                        Map<Marketplace, BiFunction<Account, String, Order>> mappers) {
        this.errors = errors;
        this.intake = intake;
        this.accounts = accounts;
        this.mappers = Map.copyOf(mappers);
    }

    public int replayRequested() throws SQLException {
        int delivered = 0;
        for (IntakeErrors.ErrorRow row : errors.replayRequested()) {
            try {
                Account account = accounts.require(row.accountId());
                BiFunction<Account, String, Order> mapper = mappers.get(row.marketplace());
                if (mapper == null) {
                    throw new IllegalStateException("no mapper for " + row.marketplace().code());
                }
                Order order = mapper.apply(account, row.rawPayload());
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
