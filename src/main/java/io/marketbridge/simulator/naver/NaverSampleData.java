package io.marketbridge.simulator.naver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Invented, realistic-looking Korean order data: names, 010 numbers, road-name addresses with 5-digit
 * postcodes, SmartStore products with option codes and seller codes. Nothing here belongs to a real person.
 */
final class NaverSampleData {

    record Option(String name, String code, String manageCode, long price) {
    }

    record Product(String productId, String originalProductId, String name, String sellerProductCode, long price,
                   List<Option> options) {
    }

    private static final String[] SURNAMES = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황"};
    private static final String[] GIVEN = {"민준", "서연", "도윤", "하은", "시우", "지유", "예준", "서윤", "주원", "지민",
        "하준", "수아", "지호", "채원", "준서", "다은", "현우", "예린", "건우", "유진", "은우", "소율"};
    private static final String[][] ADDRESSES = {
        {"06164", "서울특별시 강남구 영동대로 513"},
        {"04539", "서울특별시 중구 을지로 65"},
        {"07345", "서울특별시 영등포구 여의대로 108"},
        {"05551", "서울특별시 송파구 올림픽로 300"},
        {"13494", "경기도 성남시 분당구 불정로 6"},
        {"10391", "경기도 고양시 일산서구 중앙로 1455"},
        {"48060", "부산광역시 해운대구 APEC로 55"},
        {"42250", "대구광역시 수성구 동대구로 330"},
        {"61475", "광주광역시 동구 금남로 245"},
        {"35208", "대전광역시 서구 둔산로 100"},
        {"63309", "제주특별자치도 제주시 첨단로 242"},
        {"22004", "인천광역시 연수구 센트럴로 160"},
        {"26493", "강원특별자치도 원주시 시청로 1"},
        {"54896", "전북특별자치도 전주시 덕진구 백제대로 567"}};
    private static final String[] DETAILS = {"101동 1502호", "2층", "A동 304호", "1103호", "상가 1층", "7층 703호", "302호"};
    private static final String[] MEMOS = {"문 앞에 놓아주세요", "경비실에 맡겨주세요", "배송 전에 연락 부탁드립니다",
        "부재 시 문 앞에 놓아주세요", "", "", ""};
    private static final String[] MEANS = {"신용카드", "신용카드 간편결제", "신용카드 간편결제", "계좌 간편결제", "포인트/머니결제", "휴대폰"};
    static final Address TAKING = new Address("마켓브릿지 물류센터", "031-8000-1234", "", "17380",
            "경기도 이천시 마장면 덕평로 811", "B동 1층 출고장");
    static final List<Product> PRODUCTS = List.of(
            product("8812345001", "8801122001", "무선 블루투스 이어폰 노이즈캔슬링", "NV-EAR-BT", 59000,
                    "색상: 화이트", "색상: 블랙", "색상: 네이비"),
            product("8812345002", "8801122002", "제주 햇 한라봉 3kg", "NV-FRT-HL", 32900, "크기: 중과", "크기: 대과"),
            product("8812345003", "8801122003", "여성 린넨 와이드 팬츠", "NV-APP-WP", 27900,
                    "사이즈: S / 색상: 베이지", "사이즈: M / 색상: 베이지", "사이즈: L / 색상: 차콜"),
            product("8812345004", "8801122004", "진공 스테인리스 보온병 750ml", "NV-KIT-VB", 21800, "색상: 실버", "색상: 민트"),
            product("8812345005", "8801122005", "국내산 들기름 300ml", "NV-FOD-PO", 16500, "수량: 1병", "수량: 2병 세트"),
            product("8812345006", "8801122006", "유아 원목 블록 세트 100피스", "NV-TOY-WB", 38000, "단일상품"),
            product("8812345007", "8801122007", "천연 펄프 키친타월 150매 x 6롤", "NV-HYG-KT", 11900, "단일상품"),
            product("8812345008", "8801122008", "무소음 무선 마우스", "NV-PC-MS", 19900, "색상: 그레이", "색상: 핑크", "색상: 블랙"));

    private NaverSampleData() {
    }

    private static Product product(String productId, String originalId, String name, String sellerCode, long price,
                                   String... options) {
        List<Option> list = new ArrayList<>();
        for (int i = 0; i < options.length; i++) {
            // option codes are numeric strings; the second option of a fruit box or a set costs more
            long extra = i > 0 && (sellerCode.endsWith("HL") || sellerCode.endsWith("PO")) ? 6000L * i : 0;
            list.add(new Option(options[i], String.valueOf(Long.parseLong(productId) * 10 + i + 1),
                    sellerCode + "-" + String.format("%02d", i + 1), extra));
        }
        return new Product(productId, originalId, name, sellerCode, price, List.copyOf(list));
    }

    static int optionCount() {
        int n = 0;
        for (Product p : PRODUCTS) {
            n += p.options().size();
        }
        return n;
    }

    static String name(Random r) {
        return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
    }

    static String mobile(Random r) {
        return String.format("010-%04d-%04d", 1000 + r.nextInt(9000), r.nextInt(10000));
    }

    static String naverId(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.append("****").toString();
    }

    static Address address(Random r, String name, String tel) {
        String[] a = ADDRESSES[r.nextInt(ADDRESSES.length)];
        return new Address(name, tel, r.nextDouble() < 0.2 ? mobile(r) : "", a[0], a[1], DETAILS[r.nextInt(DETAILS.length)]);
    }

    static String memo(Random r) {
        return MEMOS[r.nextInt(MEMOS.length)];
    }

    static String paymentMeans(Random r) {
        return MEANS[r.nextInt(MEANS.length)];
    }

    static Product product(Random r) {
        return PRODUCTS.get(r.nextInt(PRODUCTS.size()));
    }

    /** 김민준 -> 김*준, as Naver masks a gift's orderer. */
    static String maskName(String name) {
        if (name.length() < 2) {
            return name;
        }
        String last = name.length() > 2 ? name.substring(name.length() - 1) : "";
        return name.charAt(0) + "*".repeat(Math.max(1, name.length() - 2)) + last;
    }

    static String maskTel(String tel) {
        return tel.replaceAll("^(\\d{3})-\\d{3,4}-(\\d{4})$", "$1-****-$2");
    }
}
