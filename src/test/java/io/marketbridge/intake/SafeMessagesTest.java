package io.marketbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.Receiver;
import io.marketbridge.support.TestDatabases;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The databases' and the parser's own messages quote the value they refused; SafeMessages names the column
 * and the limit instead. Real exceptions from each database (PostgreSQL and MariaDB when they answer).
 */
class SafeMessagesTest {

    static final String PERSONAL = "홍길동 010-1234-5678 서울특별시 강남구 테헤란로 152";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void databaseRefusalsNameTheColumnNotTheValue(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (HikariDataSource ds = Database.open(url, TestDatabases.user(vendor), "", 2)) {
            Database.migrate(ds);
            SQLException tooLong = refusal(ds, PERSONAL.repeat(5), "KRW");
            assertThat(tooLong.getMessage()).as("the database's own message quotes the value").containsAnyOf("010-1234-5678", "too long");
            String safe = SafeMessages.of(new RuntimeException("wrapped", tooLong));
            assertThat(safe).contains("too long").doesNotContain("010-1234").doesNotContain("홍길동");
            assertThat(safe).containsAnyOf("RECEIVER_NAME", "receiver_name", "character varying(100)");
            assertThat(SafeMessages.isDataError(tooLong)).isTrue();

            SQLException missing = refusal(ds, PERSONAL, null);
            assertThat(SafeMessages.of(missing)).contains("empty value").doesNotContain("010-1234");
            if (vendor.equals("postgresql")) {
                SQLException nul = refusal(ds, "홍길\u0000동 010-1234-5678", "KRW");
                assertThat(SafeMessages.of(nul)).contains("cannot store").doesNotContain("010-1234");
                assertThat(SafeMessages.isDataError(nul)).isTrue();
            }
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }

    /** An MB_ORDER insert with the receiver name and currency given (currency null: a missing required value). */
    private static SQLException refusal(HikariDataSource ds, String receiverName, String currency) {
        return catchThrowableOfType(SQLException.class, () -> Jdbc.inTransaction(ds, c -> Jdbc.update(c,
                "INSERT INTO MB_ORDER (marketplace, account_id, order_id, status, receiver_name, currency,"
                        + " collected_at) VALUES (?,?,?,?,?,?,?)", "COUPANG", "acct", "1", "PAID", receiverName,
                currency, Instant.now())));
    }

    @Test
    void parserMessagesNameTheFieldNotTheText() {
        JsonProcessingException broken = catchThrowableOfType(JsonProcessingException.class,
                () -> OrderJson.mapper().readTree("{\"name\": 홍길동 010-1234-5678}"));
        assertThat(broken.getMessage()).contains("홍길동");
        assertThat(SafeMessages.of(broken)).startsWith("unreadable JSON").doesNotContain("홍길동").contains("line 1");

        JsonProcessingException wrongType = catchThrowableOfType(JsonProcessingException.class,
                () -> OrderJson.mapper().readValue("{\"name\": {\"x\": \"010-1234-5678\"}}", Receiver.class));
        assertThat(SafeMessages.of(wrongType)).contains("name").doesNotContain("010-1234");
    }

    @Test
    void otherMessagesLoseWhatTheyQuote() {
        assertThat(SafeMessages.of(new NumberFormatException("For input string: \"010-1234-5678\"")))
                .doesNotContain("010-1234").contains("number");
        assertThat(SafeMessages.of(new IllegalStateException("cannot use 'Hong Gildong' here")))
                .isEqualTo("IllegalStateException: cannot use '…' here");
        assertThat(SafeMessages.of(new io.marketbridge.marketplace.MappingException("receiver is missing")))
                .isEqualTo("receiver is missing");
    }
}
