package io.marketbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the guard lets through to an action, and the Host names a loopback-bound node answers. */
class OperationsGuardTest {

    private final OperationsGuard loopback = new OperationsGuard(false);
    private final OperationsGuard withToken = new OperationsGuard(true);

    @Test
    void onLoopbackOnlyLiteralLoopbackHostsAreAnswered() {
        loopback.read("127.0.0.1:8080");
        loopback.read("localhost:8080");
        loopback.read("[::1]:8080");
        loopback.read("127.0.0.2");
        // a name of another site resolving to 127.0.0.1 (DNS rebinding) is refused, without looking it up
        assertThatThrownBy(() -> loopback.read("rebind.example:8080")).isInstanceOf(OperationsException.class)
                .hasMessageContaining("rebind.example");
        assertThatThrownBy(() -> loopback.read((String) null)).isInstanceOf(OperationsException.class);
        withToken.read("ops.example.com:8080"); // the token is checked instead
    }

    @Test
    void anActionNeedsTheScriptHeaderOrTheFormTokenAndThisOrigin() {
        String host = "127.0.0.1:8080";
        assertThat(loopback.action(host, null, null, null, "ops")).isFalse();
        assertThat(loopback.action(host, "http://127.0.0.1:8080", "same-origin", loopback.formToken(), null)).isTrue();
        assertThatThrownBy(() -> loopback.action(host, null, null, null, null)).hasMessageContaining("X-Requested-By");
        assertThatThrownBy(() -> loopback.action(host, null, null, "not-the-token", null)).hasMessageContaining("X-Requested-By");
        assertThatThrownBy(() -> loopback.action(host, "http://evil.example", null, loopback.formToken(), null))
                .hasMessageContaining("cross-site");
        assertThatThrownBy(() -> loopback.action(host, "null", null, null, "ops")).hasMessageContaining("cross-site");
        assertThatThrownBy(() -> loopback.action(host, null, "cross-site", loopback.formToken(), null))
                .hasMessageContaining("Sec-Fetch-Site");
        assertThat(new OperationsGuard(false).formToken()).isNotEqualTo(loopback.formToken()).hasSize(48);
    }

    @Test
    void hostNamesLoseTheirPort() {
        assertThat(OperationsGuard.hostName("LocalHost:8080")).isEqualTo("localhost");
        assertThat(OperationsGuard.hostName("[::1]:8080")).isEqualTo("[::1]");
        assertThat(OperationsGuard.hostName("::1")).isEqualTo("::1");
        assertThat(OperationsGuard.hostName("127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
