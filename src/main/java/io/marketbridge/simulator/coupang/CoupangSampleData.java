package io.marketbridge.simulator.coupang;

import java.util.List;
import java.util.Random;

/**
 * Invented, realistic-looking Korean order data for the Coupang simulator: names, 010 and 0502 safe
 * numbers, road-name addresses with 5-digit postcodes, products with options and seller SKU codes.
 * Nothing here belongs to a real person.
 */
final class CoupangSampleData {

    record Address(String postcode, String addr1) {
    }

    record Product(long productId, String name, List<String> options, String skuPrefix, long price) {
    }

    private static final String[] SURNAMES = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권"};
    private static final String[] GIVEN = {"민준", "서연", "도윤", "하은", "시우", "지유", "예준", "서윤", "주원", "지민",
        "하준", "수아", "지호", "채원", "준서", "다은", "현우", "예린", "건우", "유진"};
    static final List<Address> ADDRESSES = List.of(
            new Address("06236", "서울특별시 강남구 테헤란로 152"),
            new Address("04524", "서울특별시 중구 세종대로 110"),
            new Address("03925", "서울특별시 마포구 월드컵북로 400"),
            new Address("13529", "경기도 성남시 분당구 판교역로 235"),
            new Address("16677", "경기도 수원시 영통구 광교중앙로 145"),
            new Address("48058", "부산광역시 해운대구 센텀중앙로 79"),
            new Address("41911", "대구광역시 중구 동덕로 115"),
            new Address("61945", "광주광역시 서구 내방로 111"),
            new Address("34126", "대전광역시 유성구 대학로 99"),
            new Address("63122", "제주특별자치도 제주시 문연로 6"),
            new Address("21554", "인천광역시 남동구 정각로 29"),
            new Address("44675", "울산광역시 남구 중앙로 201"));
    private static final String[] DETAILS = {"101동 1203호", "3층", "B동 502호", "201호", "상가 1층 102호", "12층 1201호", ""};
    private static final String[] MESSAGES = {"문 앞에 놓아주세요", "경비실에 맡겨주세요", "배송 전 연락 바랍니다",
        "부재 시 문 앞", "", "", ""};
    static final List<Product> PRODUCTS = List.of(
            new Product(8801234001L, "무선 블루투스 이어폰 노이즈캔슬링", List.of("화이트", "블랙", "네이비"), "EAR-BT", 59000),
            new Product(8801234002L, "유기농 제주 감귤 5kg", List.of("중과", "대과"), "FRT-JJ", 24900),
            new Product(8801234003L, "남성 기능성 반팔 티셔츠", List.of("M / 블랙", "L / 블랙", "XL / 그레이"), "APP-TS", 15900),
            new Product(8801234004L, "스테인리스 텀블러 500ml", List.of("실버", "로즈골드"), "KIT-TB", 12800),
            new Product(8801234005L, "국산 참기름 350ml", List.of("1병", "2병 세트"), "FOD-SO", 18500),
            new Product(8801234006L, "어린이 그림책 세트 (10권)", List.of("기본"), "BOK-KD", 45000),
            new Product(8801234007L, "저자극 물티슈 100매 x 10팩", List.of("캡형", "리필형"), "HYG-WT", 13900),
            new Product(8801234008L, "게이밍 기계식 키보드", List.of("적축", "갈축", "청축"), "PC-KB", 89000));

    private CoupangSampleData() {
    }

    static String name(Random r) {
        return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
    }

    static String mobile(Random r) {
        return String.format("010-%04d-%04d", 1000 + r.nextInt(9000), r.nextInt(10000));
    }

    static String safeNumber(Random r) {
        return String.format("0502-%04d-%04d", 1000 + r.nextInt(9000), r.nextInt(10000));
    }

    static Address address(Random r) {
        return ADDRESSES.get(r.nextInt(ADDRESSES.size()));
    }

    static String detail(Random r) {
        return DETAILS[r.nextInt(DETAILS.length)];
    }

    static String message(Random r) {
        return MESSAGES[r.nextInt(MESSAGES.length)];
    }

    static Product product(Random r) {
        return PRODUCTS.get(r.nextInt(PRODUCTS.size()));
    }
}
