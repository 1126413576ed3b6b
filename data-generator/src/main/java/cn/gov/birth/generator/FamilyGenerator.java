package cn.gov.birth.generator;

import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A synthetic data set that holds together: families applying in Guizhou (one form each, ready to
 * post), and what the departments hold about them (the health department's delivery hospitals and
 * the delivery records of these births). The same seed and day give the same data set; the
 * template family (the README's sample) is always the first.
 *
 * <p>Layout: {@code health/hospitals.csv}, {@code health/delivery-records.csv} (each folder is
 * what one department service imports at start-up), {@code applications/family-00001.json}, ...
 */
public final class FamilyGenerator {

    static final String REGION_PREFIX = "52";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
    private static final String[] GIVEN = {"安然", "子涵", "欣怡", "浩然", "宇轩", "梓萱", "一诺", "思远", "雨桐", "博文",
            "佳怡", "俊杰", "诗涵", "明轩", "若曦", "天佑", "可馨", "嘉懿", "沐阳", "语嫣"};
    private static final String[] MOTHER_NAMES = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "玲", "婷"};
    private static final String[] FATHER_NAMES = {"强", "伟", "磊", "军", "勇", "杰", "涛", "斌", "超", "明"};

    private final ObjectNode template;
    private final Random random;
    private final LocalDate today;
    private final List<String> counties;

    public FamilyGenerator(JsonNode template, long seed, LocalDate today) {
        this.template = (ObjectNode) template;
        this.random = new Random(seed);
        this.today = today;
        this.counties = Codes.DIVISIONS.codes().stream()
                .filter(code -> code.startsWith(REGION_PREFIX) && Codes.isCounty(code)).sorted().toList();
    }

    /** Writes {@code families} families (at least the template's) and the departments' data about them. */
    public void write(Path out, int families) {
        try {
            Path health = Files.createDirectories(out.resolve("health"));
            Path applications = Files.createDirectories(out.resolve("applications"));
            Files.writeString(health.resolve("hospitals.csv"), hospitals(), StandardCharsets.UTF_8);
            StringBuilder records = new StringBuilder(
                    "recordNumber,hospitalCode,motherIdNumber,birthTime,sex,dischargedAt,certificateNumber\n");
            for (int n = 1; n <= Math.max(1, families); n++) {
                ObjectNode form = n == 1 ? template.deepCopy() : family();
                JsonNode newborn = form.get("newborn");
                OffsetDateTime born = OffsetDateTime.parse(newborn.get("birthTime").asString());
                records.append("R%s-%05d,%s,%s,%s,%s,%s,%n".formatted(born.toLocalDate().toString().replace("-", ""),
                        n, newborn.get("hospitalCode").asString(), form.get("mother").get("idNumber").asString(),
                        born, newborn.get("sex").asString(), born.plusDays(3)));
                Files.writeString(applications.resolve("family-%05d.json".formatted(n)),
                        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(form), StandardCharsets.UTF_8);
            }
            Files.writeString(health.resolve("delivery-records.csv"), records.toString().replace("\r", ""),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A qualified delivery hospital in every county of the province, and a clinic without the qualification. */
    String hospitals() {
        StringBuilder csv = new StringBuilder("code,name,county,qualified\n");
        for (String county : counties) {
            String name = Codes.DIVISIONS.name(county).orElseThrow();
            csv.append("H%s001,%s妇幼保健院,%s,true%n".formatted(county, name, county));
            csv.append("H%s900,%s社区卫生服务站,%s,false%n".formatted(county, name, county));
        }
        return csv.toString().replace("\r", "");
    }

    private ObjectNode family() {
        ObjectNode form = template.deepCopy();
        String county = counties.get(random.nextInt(counties.size()));
        String surname = pick(SURNAMES);
        String fatherName = surname + pick(FATHER_NAMES);
        String motherName = pick(SURNAMES) + pick(MOTHER_NAMES);
        String motherId = ResidentIdNumber.of(county, birthDateOfParent(), 2 * (1 + random.nextInt(499)));
        String fatherId = ResidentIdNumber.of(county, birthDateOfParent(), 2 * random.nextInt(499) + 1);
        String motherPhone = phone();
        String address = Codes.DIVISIONS.name(county).orElseThrow() + "幸福路" + (1 + random.nextInt(300)) + "号";
        boolean boy = random.nextBoolean();
        OffsetDateTime born = today.minusDays(1 + random.nextInt(20)).atTime(random.nextInt(24), random.nextInt(60))
                .atOffset(CHINA).truncatedTo(ChronoUnit.MINUTES);
        person((ObjectNode) form.get("mother"), motherName, motherId, county, address, motherPhone);
        person((ObjectNode) form.get("father"), fatherName, fatherId, county, address, phone());
        ((ObjectNode) form.get("applicant")).put("phone", motherPhone);
        ObjectNode newborn = (ObjectNode) form.get("newborn");
        newborn.put("surname", surname).put("givenName", pick(GIVEN)).put("sex", boy ? "1" : "2")
                .put("birthTime", born.toString()).put("birthDivision", county).put("hospitalCode", "H" + county + "001");
        ObjectNode household = (ObjectNode) form.get("household");
        household.put("headName", fatherName).put("headIdNumber", fatherId).put("relationToHead", boy ? "20" : "30")
                .put("nativePlace", county);
        ((ObjectNode) form.get("insurance")).put("insuredDivision", county);
        ((ObjectNode) form.get("delivery").get("recipient")).put("name", motherName).put("phone", motherPhone)
                .put("address", address);
        return form;
    }

    private static void person(ObjectNode person, String name, String id, String county, String address, String phone) {
        person.put("name", name).put("idNumber", id).put("householdDivision", county).put("householdAddress", address)
                .put("currentAddress", address).put("phone", phone);
    }

    private LocalDate birthDateOfParent() {
        return LocalDate.of(1986, 1, 1).plusDays(random.nextInt(15 * 365));
    }

    private String phone() {
        return "13" + (random.nextInt(10)) + "%08d".formatted(random.nextInt(100_000_000));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
