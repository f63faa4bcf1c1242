package io.marketbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationsPageTest {

    @Test
    void textAndAttributesAreEscaped() {
        assertThat(OperationsPage.esc("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(OperationsPage.esc("송장 전송 실패")).isEqualTo("송장 전송 실패");
        assertThat(OperationsPage.esc(null)).isEmpty();
    }
}
