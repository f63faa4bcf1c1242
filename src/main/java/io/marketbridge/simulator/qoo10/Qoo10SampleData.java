package io.marketbridge.simulator.qoo10;

import java.math.BigDecimal;
import java.util.Random;

/**
 * Japanese buyers as a Qoo10 Japan seller sees them: names in kanji with their katakana reading (receiver_gata),
 * prefectures and wards, 7-digit postcodes, +81 mobile numbers, and catalogue items priced in whole yen.
 * Invented data: no real person.
 */
final class Qoo10SampleData {

    /** {family, family kana}. */
    private static final String[][] FAMILY = {
            {"山田", "ヤマダ"}, {"佐藤", "サトウ"}, {"鈴木", "スズキ"}, {"高橋", "タカハシ"}, {"渡辺", "ワタナベ"},
            {"伊藤", "イトウ"}, {"中村", "ナカムラ"}, {"小林", "コバヤシ"}, {"斉藤", "サイトウ"}, {"髙木", "タカギ"}};
    /** {given, given kana}: the long vowel mark and kanji MS949 cannot hold are on purpose. */
    private static final String[][] GIVEN = {
            {"太郎", "タロウ"}, {"花子", "ハナコ"}, {"健太", "ケンタ"}, {"恵子", "ケイコ"}, {"翔", "ショウ"},
            {"優衣", "ユイ"}, {"大輔", "ダイスケ"}, {"美咲", "ミサキ"}, {"リサ", "リサ"}, {"ユーリ", "ユーリ"}};
    /** {postcode digits, address}. */
    private static final String[][] ADDRESSES = {
            {"1500041", "東京都渋谷区神南1-19-11"}, {"1600022", "東京都新宿区新宿3-38-1 ルミネエスト5F"},
            {"2200012", "神奈川県横浜市西区みなとみらい2-2-1"}, {"5300001", "大阪府大阪市北区梅田3-1-3"},
            {"4600008", "愛知県名古屋市中区栄3-5-12"}, {"8120012", "福岡県福岡市博多区博多駅中央街1-1"},
            {"0600005", "北海道札幌市中央区北5条西2-5"}, {"9800021", "宮城県仙台市青葉区中央1-1-1"},
            {"6008216", "京都府京都市下京区烏丸通塩小路下ル東塩小路町721-1"}, {"9000006", "沖縄県那覇市おもろまち4-4-9"}};
    /** {itemCode, sellerItemCode, title, option, optionCode, price}. */
    private static final String[][] ITEMS = {
            {"812345678", "KB-TEE-01", "韓国コットンＴシャツ（長袖）", "カラー:ホワイト/サイズ:M", "WHT-M", "1980"},
            {"812345679", "KB-SERUM-30", "ヒアルロン酸セラム 30ml", "", "", "2480"},
            {"812345680", "KB-RAMEN-5", "辛ラーメン 5袋セット", "", "", "980"},
            {"812345681", "KB-CARD-02", "ニットカーディガン", "カラー:ベージュ/サイズ:フリー", "BEG-F", "3990"},
            {"812345682", "KB-MASK-10", "シートマスク 10枚入り", "種類:ビタミン", "VITA", "1290"}};
    private static final String[] MESSAGES = {"", "", "置き配希望（玄関前）", "不在時は宅配ボックスへ", "午前中希望"};

    private final Random random;

    Qoo10SampleData(long seed) {
        this.random = new Random(seed);
    }

    synchronized void fill(Qoo10Store.SimOrder o, boolean sameBuyerAs, Qoo10Store.SimOrder first) {
        if (sameBuyerAs && first != null) {
            o.buyer = first.buyer;
            o.buyerKana = first.buyerKana;
            o.buyerMobile = first.buyerMobile;
            o.receiver = first.receiver;
            o.receiverKana = first.receiverKana;
            o.receiverMobile = first.receiverMobile;
            o.receiverTel = first.receiverTel;
            o.zip = first.zip;
            o.address = first.address;
            o.message = first.message;
        } else {
            String[] family = FAMILY[random.nextInt(FAMILY.length)];
            String[] given = GIVEN[random.nextInt(GIVEN.length)];
            o.buyer = family[0] + " " + given[0];
            o.buyerKana = family[1] + " " + given[1];
            o.buyerMobile = mobile();
            boolean gift = random.nextInt(5) == 0;
            String[] rFamily = gift ? FAMILY[random.nextInt(FAMILY.length)] : family;
            String[] rGiven = gift ? GIVEN[random.nextInt(GIVEN.length)] : given;
            o.receiver = rFamily[0] + " " + rGiven[0];
            o.receiverKana = rFamily[1] + " " + rGiven[1];
            o.receiverMobile = gift ? mobile() : o.buyerMobile;
            o.receiverTel = random.nextInt(3) == 0 ? "03-" + digits(4) + "-" + digits(4) : "";
            String[] address = ADDRESSES[random.nextInt(ADDRESSES.length)];
            o.zip = address[0];
            o.address = address[1];
            o.message = MESSAGES[random.nextInt(MESSAGES.length)];
        }
        String[] item = ITEMS[random.nextInt(ITEMS.length)];
        o.itemCode = item[0];
        o.sellerItemCode = item[1];
        o.itemTitle = item[2];
        o.option = item[3];
        o.optionCode = item[4];
        o.price = new BigDecimal(item[5]);
        o.qty = 1 + random.nextInt(3);
        o.discount = random.nextInt(4) == 0 ? new BigDecimal("100").multiply(BigDecimal.valueOf(o.qty)) : BigDecimal.ZERO;
    }

    /** +81-90-1234-5678 (the form Qoo10 shows; phone-format domestic makes it 090-1234-5678). */
    private String mobile() {
        String[] prefixes = {"90", "80", "70"};
        return "+81-" + prefixes[random.nextInt(prefixes.length)] + "-" + digits(4) + "-" + digits(4);
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(random.nextInt(10));
        }
        return b.toString();
    }
}
