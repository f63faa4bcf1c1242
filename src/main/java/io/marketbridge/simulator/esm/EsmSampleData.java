package io.marketbridge.simulator.esm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Invented Korean order data: names, 010 numbers, road-name addresses, ESM goods with option lists. */
final class EsmSampleData {

    /** name null = a goods without options. */
    record Option(String name, String code, long skuNo, long price) {
    }

    record Product(long goodsNo, String gmarketItemNo, String auctionItemNo, String name, String sellerCode, long price,
                   List<Option> options) {
    }

    private static final String[] SURNAMES = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신"};
    private static final String[] GIVEN = {"민준", "서연", "도윤", "하은", "시우", "지유", "예준", "서윤", "주원", "지민",
        "하준", "수아", "지호", "채원", "준서", "다은"};
    private static final String[][] ADDRESSES = {
        {"06164", "서울특별시 강남구 테헤란로 521"},
        {"03925", "서울특별시 마포구 월드컵북로 396"},
        {"08378", "서울특별시 구로구 디지털로 300"},
        {"16514", "경기도 수원시 영통구 광교중앙로 145"},
        {"14055", "경기도 안양시 동안구 시민대로 235"},
        {"48058", "부산광역시 해운대구 센텀중앙로 79"},
        {"41585", "대구광역시 북구 대학로 80"},
        {"34126", "대전광역시 유성구 대학로 291"},
        {"21984", "인천광역시 연수구 컨벤시아대로 165"},
        {"63122", "제주특별자치도 제주시 연삼로 473"},
        {"44538", "울산광역시 중구 종가로 405"}};
    private static final String[] DETAILS = {"102동 803호", "3층", "B동 1201호", "501호", "1층 상가", "9층 902호"};
    private static final String[] MEMOS = {"부재시 경비실에 맡겨주세요", "문 앞에 놓아주세요", "배송 전 연락주세요", "", ""};
    static final List<Product> PRODUCTS = List.of(
            product(1_234_567_001L, "2345678901", "B123456701", "국내산 햅쌀 10kg 당일도정", "ESM-RICE-10", 32900,
                    "도정: 백미", "도정: 현미"),
            product(1_234_567_002L, "2345678902", "B123456702", "남성 기능성 드라이핏 반팔 티셔츠", "ESM-TS-DRY", 12900,
                    "사이즈: M / 색상: 블랙", "사이즈: L / 색상: 블랙", "사이즈: XL / 색상: 네이비"),
            product(1_234_567_003L, "2345678903", "B123456703", "무선 충전 보조배터리 10000mAh", "ESM-PB-10K", 24900,
                    "색상: 화이트", "색상: 블랙"),
            product(1_234_567_004L, "2345678904", "B123456704", "만두 3종 세트 (고기/김치/새우)", "ESM-MD-SET", 19800,
                    "구성: 고기만두 1kg", "구성: 김치만두 1kg", "구성: 3종 각 1kg"),
            product(1_234_567_005L, "2345678905", "B123456705", "스테인리스 텀블러 500ml", "ESM-TB-500", 15900),
            product(1_234_567_006L, "2345678906", "B123456706", "어린이 자석 블록 120피스", "ESM-TOY-MG", 45000,
                    "구성: 기본 120피스", "구성: 확장 200피스"));

    private EsmSampleData() {
    }

    private static Product product(long goodsNo, String gmkt, String iac, String name, String code, long price,
                                   String... options) {
        List<Option> list = new ArrayList<>();
        if (options.length == 0) {
            list.add(new Option(null, null, goodsNo * 100, 0));
        }
        for (int i = 0; i < options.length; i++) {
            long extra = i == options.length - 1 && options.length > 2 ? 9900 : 0; // the biggest set costs more
            list.add(new Option(options[i], code + "-" + String.format("%02d", i + 1), goodsNo * 100 + i + 1, extra));
        }
        return new Product(goodsNo, gmkt, iac, name, code, price, List.copyOf(list));
    }

    static String name(Random r) {
        return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
    }

    static String mobile(Random r) {
        // ESM shows safe numbers (0504/0507) when the buyer chose them
        String prefix = r.nextDouble() < 0.3 ? "0504" : "010";
        return String.format("%s-%04d-%04d", prefix, 1000 + r.nextInt(9000), r.nextInt(10000));
    }

    static String landline(Random r) {
        return String.format("02-%03d-%04d", 200 + r.nextInt(800), r.nextInt(10000));
    }

    static String buyerId(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.append("*****").toString(); // masked after 3 characters, as ESM shows it
    }

    /** {zip, front, back}. */
    static String[] address(Random r) {
        String[] a = ADDRESSES[r.nextInt(ADDRESSES.length)];
        return new String[] {a[0], a[1], DETAILS[r.nextInt(DETAILS.length)]};
    }

    static String memo(Random r) {
        return MEMOS[r.nextInt(MEMOS.length)];
    }

    static Product product(Random r) {
        return PRODUCTS.get(r.nextInt(PRODUCTS.size()));
    }
}
