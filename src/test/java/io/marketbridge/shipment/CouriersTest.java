package io.marketbridge.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbridge.marketplace.MarketplaceConnectors;
import io.marketbridge.order.Marketplace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CouriersTest {

    /** The columns of the marketplaces this build serves, as the runtime reads them. */
    static final List<CourierColumn> SHIPPED = MarketplaceConnectors.discover().stream().map(CourierColumn::of).toList();

    @TempDir
    Path dir;

    static Couriers parse(String text) {
        return Couriers.parse(text, "test.csv", SHIPPED);
    }

    static Courier courier(Couriers couriers, String name) {
        return couriers.resolve(name).orElseThrow();
    }

    @Test
    void theBuiltInTableGivesEachMarketplaceItsColumnsCodes() {
        Couriers couriers = Couriers.load(SHIPPED);
        Courier cj = courier(couriers, "CJ대한통운");
        assertThat(cj.code()).isEqualTo("CJ");
        assertThat(couriers.nativeCode(cj, Marketplace.COUPANG)).contains("CJGLS");
        assertThat(couriers.nativeCode(cj, Marketplace.NAVER)).contains("CJGLS");
        assertThat(couriers.nativeCode(cj, Marketplace.ELEVENST)).contains("00034");
        assertThat(couriers.nativeCode(cj, Marketplace.GMARKET)).contains("10013");
        assertThat(couriers.nativeCode(cj, Marketplace.AUCTION)).contains("10013");
        assertThat(couriers.nativeCode(cj, Marketplace.LOTTEON)).contains("0002");
        assertThat(courier(couriers, "0002")).isSameAs(cj);
        assertThat(courier(couriers, "00034")).isSameAs(cj);
        assertThat(couriers.nativeCode(courier(couriers, "DIRECT"), Marketplace.ELEVENST)).isEmpty();
        assertThat(couriers.all()).hasSize(28);
    }

    @Test
    void columnsAreFoundByTheirHeaderInAnyOrder() {
        Couriers couriers = parse("""
                tracking,esm,elevenst,naver,coupang,names,canonical
                10|12,10013,00034,CJGLS,CJGLS2,CJ대한통운,cj
                """);
        Courier cj = courier(couriers, "cj대한통운");
        assertThat(cj.code()).isEqualTo("CJ");
        assertThat(cj.trackingRule()).isEqualTo("10|12");
        assertThat(couriers.nativeCode(cj, Marketplace.COUPANG)).contains("CJGLS2");
        assertThat(couriers.nativeCode(cj, Marketplace.AUCTION)).contains("10013");
    }

    @Test
    void anOperatorsTableWithTheFormer11stHeaderIsStillRead() throws Exception {
        Path file = dir.resolve("couriers.csv");
        Files.writeString(file, "canonical,names,coupang,naver,11st,esm,lotteon,tracking\n"
                + "CJ,CJ대한통운,CJGLS,CJGLS,00034,10013,0002,10|12\n", StandardCharsets.UTF_8);
        Couriers couriers = Couriers.load(file, SHIPPED);
        assertThat(couriers.nativeCode(courier(couriers, "CJ"), Marketplace.ELEVENST)).contains("00034");
    }

    @Test
    void aHeaderWithBothTheNameAndTheFormerNameIsRefused() {
        assertThatThrownBy(() -> parse("canonical,names,coupang,naver,11st,elevenst,esm,tracking\n"))
                .hasMessage("test.csv line 1: the header names both elevenst and its former name 11st; keep elevenst");
    }

    @Test
    void aMissingFixedColumnIsNamedWithTheHeadersLine() {
        // a table without a marketplace's column still loads: that marketplace simply has no codes
        Couriers older = parse("# a comment\n\ncanonical,names,coupang,esm,tracking\nCJ,,CJGLS,10013,\n");
        assertThat(older.nativeCode(courier(older, "CJ"), Marketplace.COUPANG)).contains("CJGLS");
        assertThat(older.nativeCode(courier(older, "CJ"), Marketplace.NAVER)).isEmpty();
        assertThat(older.nativeCode(courier(older, "CJ"), Marketplace.ELEVENST)).isEmpty();
        assertThatThrownBy(() -> parse("names,coupang,naver,elevenst,esm\n"))
                .hasMessageContaining("missing: canonical, tracking");
        assertThatThrownBy(() -> parse("canonical,names,coupang,naver,elevenst,esm,tracking,coupang\n"))
                .hasMessage("test.csv line 1: the header names column coupang twice");
        assertThatThrownBy(() -> parse("canonical,names,coupang,naver,elevenst,esm,,tracking\n"))
                .hasMessageStartingWith("test.csv line 1: column 7 of the header has no name");
        assertThatThrownBy(() -> parse("# only comments\n\n"))
                .hasMessage("test.csv: no header row (canonical,names,coupang,naver,elevenst,esm,lotteon,qoo10,tracking)");
    }

    @Test
    void aBadRowIsNamedByItsLine() {
        String header = "# couriers\ncanonical,names,coupang,naver,elevenst,esm,tracking\n";
        assertThatThrownBy(() -> parse(header + "CJ,,CJGLS,CJGLS,00034,10013,10|12\n\nHANJIN,,HANJIN,HANJIN,00011\n"))
                .hasMessage("test.csv line 5: 5 columns, expected 7");
        assertThatThrownBy(() -> parse(header + "  ,,CJGLS,CJGLS,00034,10013,10|12\n"))
                .hasMessage("test.csv line 3: the canonical code is empty");
        assertThatThrownBy(() -> parse(header + "CJ,,A,,,,\ncj,,B,,,,\n"))
                .hasMessage("test.csv line 4: courier CJ appears twice");
        assertThatThrownBy(() -> parse(header + "CJ,,A,,,,ten\n"))
                .hasMessage("test.csv line 3: tracking rule 'ten' is not a length (13), lengths (10|12), a range (8-16) or any");
        assertThatThrownBy(() -> parse(header + "CJ,대한통운,A,,,,\nHANJIN,대한 통운,B,,,,\n"))
                .hasMessage("test.csv line 4: '대한 통운' would name both CJ and HANJIN");
        assertThatThrownBy(() -> parse(header + "CJ,\"unclosed,A,,,,\n"))
                .hasMessageStartingWith("test.csv: not a valid CSV table:");
    }

    @Test
    void aNewMarketplaceAddsAColumnAndNothingElse() {
        // as before the lotteon connector: its column only names the courier, then a connector claims it
        List<CourierColumn> columns = new ArrayList<>(SHIPPED.stream().filter(c -> !c.header().equals("lotteon")).toList());
        assertThat(Couriers.load(columns).nativeCode(courier(Couriers.load(columns), "CJ"), Marketplace.LOTTEON)).isEmpty();
        columns.add(new CourierColumn("lotteon", Set.of(), Set.of(Marketplace.LOTTEON)));
        Couriers couriers = Couriers.load(columns);
        Courier cj = courier(couriers, "CJ");
        assertThat(couriers.nativeCode(cj, Marketplace.LOTTEON)).contains("0002");
        assertThat(couriers.nativeCode(courier(couriers, "DHL"), Marketplace.LOTTEON)).isEmpty();
        // a marketplace whose column the table lacks loads with no codes (its shipments are refused as unmapped)
        Couriers older = parse("canonical,names,coupang,naver,elevenst,esm,tracking\nCJ,,CJGLS,CJGLS,00034,10013,10|12\n");
        assertThat(older.nativeCode(courier(older, "CJ"), Marketplace.QOO10)).isEmpty();
        // Qoo10 Japan's column holds carrier names, Japanese ones included; Korean couriers have none there
        assertThat(couriers.nativeCode(courier(couriers, "YAMATO"), Marketplace.QOO10)).contains("ヤマト運輸");
        assertThat(couriers.nativeCode(courier(couriers, "ゆうパック"), Marketplace.QOO10)).contains("日本郵便");
        assertThat(couriers.nativeCode(courier(couriers, "Qxpress"), Marketplace.QOO10)).contains("Qxpress");
        assertThat(couriers.nativeCode(cj, Marketplace.QOO10)).isEmpty();
    }

    @Test
    void quotedNamesMayHoldCommas() {
        Couriers couriers = parse("canonical,names,coupang,naver,elevenst,esm,tracking\n"
                + "\uFEFFCJ,\"CJ대한통운, 택배|CJ택배\",CJGLS,CJGLS,00034,10013,10|12\n");
        assertThat(courier(couriers, "CJ대한통운,택배").code()).isEqualTo("CJ");
        assertThat(courier(couriers, "cj택배").code()).isEqualTo("CJ");
    }
}
