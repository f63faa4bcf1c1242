package io.marketbridge.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void everyOwaspTriggerIsEscaped() {
        for (String s : new String[] {"=1+1", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1", "\r=1",
            "=HYPERLINK(\"http://evil.example\",\"x\")", "-", "+", "- 문 앞에 놓아 주세요"}) {
            assertThat(CsvCells.text(s, true)).as(s).isEqualTo("'" + s);
            assertThat(CsvCells.text(s, false)).as(s).isEqualTo(s);
        }
    }

    @Test
    void numbersPhoneNumbersAndOrdinaryTextStay() {
        for (String s : new String[] {"-3000", "+3000", "-12.5", "+82 10-1234-5678", "010-1234-5678", "홍길동", "a=b", " =1",
            "", "CJ대한통운"}) {
            assertThat(CsvCells.text(s, true)).as(s).isEqualTo(s);
        }
        assertThat(CsvCells.text(null, true)).isNull();
        assertThat(CsvCells.cell(new BigDecimal("-3000"), true)).isEqualTo(new BigDecimal("-3000"));
        assertThat(CsvCells.cell(-5, true)).isEqualTo(-5);
    }
}
