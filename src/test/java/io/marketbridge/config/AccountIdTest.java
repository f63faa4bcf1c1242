package io.marketbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marketbridge.marketplace.coupang.CoupangConnector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Account ids as they are written in a properties file (with its escapes) and read by Camel's properties
 * component: an id outside the rule is refused at start with one ERROR line naming the block and the rule; the
 * valid account beside it is loaded.
 */
class AccountIdTest {

    private static final String SIXTY_FOUR = "Ab0-_".repeat(12) + "wxyz";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger registryLogger = (Logger) LoggerFactory.getLogger(AccountRegistry.class);
    private DefaultCamelContext context;

    @BeforeEach
    void captureLog() {
        log.start();
        registryLogger.addAppender(log);
    }

    @AfterEach
    void release() throws Exception {
        registryLogger.detachAppender(log);
        if (context != null) {
            context.close();
        }
    }

    /** A complete, valid Coupang block under the id as written in the file (escapes and all). */
    private static String block(String writtenId, String vendor) {
        String p = "marketbridge.account." + writtenId + ".";
        return p + "marketplace = coupang\n" + p + "vendor-id = " + vendor + "\n" + p + "access-key = ak\n"
                + p + "secret-key = sk\n";
    }

    private AccountRegistry load(String fileText) throws Exception {
        Path file = dir.resolve("accounts.properties");
        Files.writeString(file, fileText, StandardCharsets.UTF_8);
        context = new DefaultCamelContext();
        PropertiesComponent pc = context.getPropertiesComponent();
        pc.setEncoding("UTF-8");
        pc.setLocation("file:" + file);
        context.start();
        AccountRegistry registry = new AccountRegistry(List.of(new CoupangConnector()));
        registry.load(pc);
        return registry;
    }

    private List<String> errors() {
        return log.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a space            | acme\\ x       | acme x         | a space at position 5",
            "a double quote     | acme\"x        | acme\"x         | a double quote at position 5",
            "a single quote     | acme'x         | acme'x         | a single quote at position 5",
            "a slash            | acme/x         | acme/x         | a '/' at position 5",
            "a backslash        | acme\\\\x      | acme\\x         | a '\\' at position 5",
            "a NUL              | acme\\u0000x   | acme\\u0000x    | a NUL character (\\u0000) at position 5",
            "a Hangul letter    | acme셀러         | acme\\uC140\\uB7EC | the character U+C140 at position 5",
            "70 characters      | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | 70 characters"})
    void anIdOutsideTheRuleIsRefusedWithOneLineAndTheOtherAccountsLoad(String what, String written, String shown,
                                                                         String problem) throws Exception {
        AccountRegistry registry = load(block("acme-coupang", "A00000001") + block(written, "A00000002"));

        assertThat(registry.accounts()).extracting(Account::id).containsExactly("acme-coupang");
        assertThat(registry.rejected()).hasSize(1);
        List<String> errors = errors();
        assertThat(errors).as("one ERROR line for the block").hasSize(1);
        String line = errors.get(0);
        assertThat(line)
                .contains("marketbridge.account." + shown + ".*")
                .contains("the account id '" + shown + "' is not valid (it has " + problem + ")")
                .contains(AccountId.RULE)
                .doesNotContain("\n").doesNotContain("\u0000");
        assertThat(registry.rejected().values()).singleElement().asString().contains(AccountId.RULE);
    }

    @Test
    void sixtyFourLettersDigitsDashesAndUnderscoresAreAValidId() throws Exception {
        assertThat(SIXTY_FOUR).hasSize(AccountId.MAX_LENGTH);
        AccountRegistry registry = load(block(SIXTY_FOUR, "A00000001") + block("X", "A00000002"));
        assertThat(registry.accounts()).extracting(Account::id).containsExactlyInAnyOrder(SIXTY_FOUR, "X");
        assertThat(errors()).isEmpty();
    }

    @Test
    void idsThatDifferOnlyInCaseOrDashVersusUnderscoreAreBothRefused() throws Exception {
        AccountRegistry registry = load(block("acme-x", "A00000001") + block("acme_x", "A00000002")
                + block("Acme-Y", "A00000003") + block("acme-y", "A00000004") + block("acme-z", "A00000005"));

        assertThat(registry.accounts()).extracting(Account::id).containsExactly("acme-z");
        assertThat(registry.rejected()).containsOnlyKeys("acme-x", "acme_x", "Acme-Y", "acme-y");
        List<String> errors = errors();
        assertThat(errors).hasSize(4);
        assertThat(errors).filteredOn(l -> l.startsWith("Account acme-x "))
                .singleElement().asString()
                .contains("marketbridge.account.acme-x.* and marketbridge.account.acme_x.*")
                .contains("MARKETBRIDGE_ACCOUNT_ACME_X_<KEY>");
        assertThat(errors).filteredOn(l -> l.startsWith("Account acme-y "))
                .singleElement().asString().contains("marketbridge.account.Acme-Y.*");
    }

    @Test
    void theRuleInWords() {
        assertThat(AccountId.problemWith("acme-coupang_1")).isNull();
        assertThat(AccountId.problemWith("")).isEqualTo("it is empty");
        assertThat(AccountId.problemWith("a".repeat(65))).isEqualTo("it has 65 characters");
        assertThat(AccountId.problemWith("a\nb")).isEqualTo("it has the character U+000A at position 2");
        assertThat(AccountId.shown("a\nb\u0000")).isEqualTo("a\\u000Ab\\u0000");
    }
}
