package io.marketbridge.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.csv.CsvInboxFile.Record;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvInboxFileTest {

    @Test
    void recordsFollowRfc4180AcrossLines() {
        List<Record> r = CsvInboxFile.records("a,b,c\r\n1,\"two\r\nlines\",3\r\n\r\n4,\"say \"\"hi\"\"\",6\r\n", List.of());
        assertThat(r).extracting(Record::line).containsExactly(1, 2, 5);
        assertThat(r.get(1).fields()).containsExactly("1", "two\r\nlines", "3");
        assertThat(r.get(2).fields()).containsExactly("4", "say \"hi\"", "6");
        assertThat(r).allMatch(x -> x.error() == null);
    }

    @Test
    void aQuoteThatNeverClosesSpoilsOnlyItsLine() {
        List<Record> r = CsvInboxFile.records("a,b,c\n1,\"x,3\n4,5,6\n\n7,8,9\n", List.of());
        assertThat(r).hasSize(4);
        assertThat(r.get(1).error()).contains("line 2");
        assertThat(r.get(1).fields()).containsExactly("1,\"x,3");
        assertThat(r.get(2).fields()).containsExactly("4", "5", "6");
        assertThat(r.get(3).fields()).containsExactly("7", "8", "9");
        assertThat(r.get(3).line()).isEqualTo(5);
    }

    @Test
    void twoStrayQuotesDoNotSwallowTheRowsBetweenThem() {
        // read as RFC 4180 alone, lines 2 to 4 would be one record: 1 | x,3\n4,5,6\n7,y | 9
        List<Record> r = CsvInboxFile.records("a,b,c\n1,\"x,3\n4,5,6\n7,y\",9\n", List.of("b"));
        assertThat(r).hasSize(4);
        assertThat(r.get(1).error()).isNotNull();
        assertThat(r.get(2).fields()).containsExactly("4", "5", "6");
        assertThat(r.get(3).fields()).containsExactly("7", "y\"", "9");
        // a line break in a free-text column is a value
        assertThat(CsvInboxFile.records("a,b,c\n1,\"x,3\n4,5,6\n7,y\",9\n", List.of("a"))).hasSize(2);
    }

    @Test
    void textInTheSupportedEncodingsIsRead() {
        String csv = "courier\nCJ대한통운\n";
        assertThat(CsvInboxFile.decode(csv.getBytes(StandardCharsets.UTF_8), "auto").encoding()).isEqualTo("UTF-8");
        assertThat(CsvInboxFile.decode(csv.getBytes(Charset.forName("MS949")), "auto").text()).isEqualTo(csv);
        byte[] bom = ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8);
        assertThat(CsvInboxFile.decode(bom, "auto").text()).isEqualTo(csv);
        assertThat(CsvInboxFile.decode(bom, "auto").notCsv()).isNull();
    }

    @Test
    void whatIsNoCsvIsSaid() {
        assertThat(CsvInboxFile.decode("\uFEFFa,b\n".getBytes(StandardCharsets.UTF_16LE), "auto").notCsv()).contains("UTF-16LE");
        assertThat(CsvInboxFile.decode("\uFEFFa,b\n".getBytes(StandardCharsets.UTF_16BE), "auto").notCsv()).contains("UTF-16BE");
        assertThat(CsvInboxFile.decode("a,b\n".getBytes(StandardCharsets.UTF_16LE), "auto").notCsv()).contains("NUL");
        assertThat(CsvInboxFile.decode(new byte[] {'a', 0x01, 'b'}, "auto").notCsv()).contains("U+0001");
        assertThat(CsvInboxFile.decode(new byte[] {'a', (byte) 0xFF, (byte) 0xFF, 'b'}, "auto").notCsv()).contains("neither UTF-8 nor MS949");
    }

    @Test
    void aLongNameIsShortenedInDoneAndTwoLongNamesStayApart() {
        String stamp = "20261129-120000000";
        assertThat(CsvInboxFile.doneName(stamp, "today.csv")).isEqualTo(stamp + "-today.csv");
        String a = CsvInboxFile.doneName(stamp, "x".repeat(236) + ".csv");
        String b = CsvInboxFile.doneName(stamp, "x".repeat(235) + "y.csv");
        assertThat(a).startsWith(stamp + "-xxx").endsWith(".csv").isNotEqualTo(b);
        assertThat((a.substring(0, a.length() - 4) + ".result.csv").getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(CsvInboxFile.MAX_DONE_NAME_BYTES);
        String korean = CsvInboxFile.doneName(stamp, "송장".repeat(60) + ".csv"); // 3 bytes a syllable: cut on a whole one
        assertThat(korean.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CsvInboxFile.MAX_DONE_NAME_BYTES);
        assertThat(new String(korean.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(korean).contains("송장");
    }
}
